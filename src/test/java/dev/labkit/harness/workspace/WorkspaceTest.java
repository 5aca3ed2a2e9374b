package dev.labkit.harness.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

  @TempDir Path outside;
  @TempDir Path root;
  @TempDir Path kit;
  Workspace workspace;

  @BeforeEach
  void open() throws IOException {
    Files.createDirectories(root.resolve("bucket"));
    workspace = Workspace.open(root, "labs/x", kit);
  }

  @Test
  void readsUtf8TextAndDropsAByteOrderMark() throws IOException {
    Files.writeString(root.resolve("bucket/cors.json"), "\uFEFF{\"a\": \"é\"}");
    assertThat(workspace.readText("bucket/cors.json").text()).contains("{\"a\": \"é\"}");
  }

  @Test
  void aMissingFileIsAProblemNamingIt() {
    var problem = workspace.readText("bucket/cors.json").problem().orElseThrow();
    assertThat(problem.file()).isEqualTo("bucket/cors.json");
    assertThat(problem.message()).isEqualTo("the file is missing");
  }

  @Test
  void anEmptyFileIsAProblem() throws IOException {
    Files.createFile(root.resolve("bucket/cors.json"));
    assertThat(workspace.readText("bucket/cors.json").problem().orElseThrow().message())
        .isEqualTo("the file is empty");
  }

  @Test
  void aFileOverOneMebibyteIsRefusedWithItsSize() throws IOException {
    Files.write(root.resolve("bucket/cors.json"), new byte[(int) Workspace.MAX_FILE_BYTES + 1]);
    var problem = workspace.readText("bucket/cors.json").problem().orElseThrow();
    assertThat(problem.message()).isEqualTo("the file is too large to check");
    assertThat(problem.actual()).isEqualTo("1024 KiB");
  }

  @Test
  void nonUtf8TextNamesTheLineAndByte() throws IOException {
    Files.write(
        root.resolve("bucket/cors.json"),
        "{\n\"ID\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1));
    var problem = workspace.readText("bucket/cors.json").problem().orElseThrow();
    assertThat(problem.message()).isEqualTo("the file is not UTF-8 text");
    assertThat(problem.line()).isEqualTo(2);
    assertThat(problem.actual()).startsWith("byte 0xE9");
  }

  @Test
  void aLinkLeavingTheWorkspaceIsNotFollowed() throws IOException {
    var secret = Files.writeString(outside.resolve("secret.txt"), "do not read");
    Files.createSymbolicLink(root.resolve("bucket/cors.json"), secret);
    var read = workspace.readText("bucket/cors.json");
    assertThat(read.text()).isEmpty();
    assertThat(read.problem().orElseThrow().message())
        .isEqualTo("the file is a link that points outside the lab folder");
  }

  @Test
  void aLinkInsideTheWorkspaceIsFine() throws IOException {
    Files.writeString(root.resolve("real.json"), "{}");
    Files.createSymbolicLink(root.resolve("bucket/cors.json"), root.resolve("real.json"));
    assertThat(workspace.readText("bucket/cors.json").text()).contains("{}");
  }

  @Test
  void aDanglingLinkIsNamedAsSuch() throws IOException {
    Files.createSymbolicLink(root.resolve("bucket/cors.json"), root.resolve("gone.json"));
    assertThat(workspace.readText("bucket/cors.json").problem().orElseThrow().message())
        .isEqualTo("the file is a link to something that does not exist");
  }

  @Test
  void aPathClimbingOutIsRefusedWithoutReading() {
    assertThat(
            workspace
                .readText("../" + outside.getFileName() + "/x")
                .problem()
                .orElseThrow()
                .message())
        .isEqualTo("this path leaves the lab folder");
  }

  @Test
  void aMissingWorkspaceIsAClearError() {
    assertThatThrownBy(() -> Workspace.open(root.resolve("nope"), "nope", kit))
        .isInstanceOf(WorkspaceMissing.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("-Dlabkit.workspace");
  }

  @Test
  void listsJavaSourcesSorted() throws IOException {
    Files.createDirectories(root.resolve("src/b"));
    Files.writeString(root.resolve("src/b/B.java"), "class B {}");
    Files.writeString(root.resolve("src/A.java"), "class A {}");
    Files.writeString(root.resolve("src/notes.txt"), "x");
    assertThat(workspace.listFiles("src", ".java")).containsExactly("src/A.java", "src/b/B.java");
  }

  /** A kit folder with a lab's solution, as a student would link to it. */
  private Path kitWithSolution() throws IOException {
    var solution = Files.createDirectories(kit.resolve("labs/demo/.meta/solution/bucket"));
    Files.writeString(solution.resolve("cors.json"), "{}");
    return solution.getParent();
  }

  @Test
  void aWorkspaceThatIsALinkIsRefused() throws IOException {
    var link = Files.createSymbolicLink(outside.resolve("submission"), root);

    assertThatThrownBy(() -> Workspace.open(link, "submission", kit))
        .isInstanceOf(WorkspaceRefused.class)
        .hasMessageContaining("is a symbolic link: " + link)
        .hasMessageContaining("(to " + root + ")");
    assertThatThrownBy(() -> Workspace.open(link.resolve("."), "submission", kit))
        .isInstanceOf(WorkspaceRefused.class);
  }

  @Test
  void aLinkToTheKitsSolutionIsRefused() throws IOException {
    var solution = kitWithSolution();
    var link = Files.createSymbolicLink(outside.resolve("lab"), solution);

    assertThatThrownBy(() -> Workspace.open(link, "lab", kit))
        .isInstanceOf(WorkspaceRefused.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void aRealFolderReachedThroughALinkIntoTheKitIsRefused() throws IOException {
    kitWithSolution();
    // The lab folder is a link to the kit's lab; the path given names its solution below it.
    var link = Files.createSymbolicLink(outside.resolve("lab"), kit.resolve("labs/demo"));

    assertThatThrownBy(() -> Workspace.open(link.resolve(".meta/solution"), "lab/solution", kit))
        .isInstanceOf(WorkspaceRefused.class)
        .hasMessageContaining("leads into the kit's own folder")
        .hasMessageContaining(
            "its real path is " + kit.toRealPath().resolve("labs/demo/.meta/solution"));
  }

  @Test
  void theKitsOwnFoldersGivenInsideTheKitStayAllowed() throws IOException {
    var solution = kitWithSolution();
    var selftestCase =
        Files.createDirectories(kit.resolve("target/labkit/selftest/demo/mistakes-x/workspace"));

    assertThat(Workspace.open(kit.resolve("labs/demo"), "labs/demo", kit).root())
        .isEqualTo(kit.toRealPath().resolve("labs/demo"));
    assertThat(
            Workspace.open(solution, "labs/demo/.meta/solution", kit)
                .readText("bucket/cors.json")
                .text())
        .contains("{}");
    assertThat(Workspace.open(selftestCase, "case", kit).root())
        .isEqualTo(selftestCase.toRealPath());
    assertThat(Workspace.refusal(kit.resolve("labs/demo/../demo/.meta/solution"), kit)).isEmpty();
  }

  @Test
  void aKitReachedThroughALinkOfItsOwnStillOpensItsLabs() throws IOException {
    kitWithSolution();
    var kitLink = Files.createSymbolicLink(outside.resolve("kit"), kit);

    // The kit's folder as Maven names it may be a link (a home folder on another disk).
    assertThat(Workspace.refusal(kitLink.resolve("labs/demo/.meta/solution"), kitLink)).isEmpty();
    assertThat(Workspace.refusal(kit.resolve("labs/demo/.meta/solution"), kitLink)).isEmpty();
  }
}

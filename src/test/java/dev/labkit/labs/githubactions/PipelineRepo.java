package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.Workflow;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import dev.labkit.harness.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The repository the pipeline runs on, staged in a temp folder: the learner's files ({@code
 * .github/workflows/}, {@code deploy/} and whatever else they add) with the kit's notes API at
 * {@code app/}, the docker-basics app with its finished Dockerfile. The learner's folder is never
 * written to; each file goes through the workspace's safe reads.
 */
final class PipelineRepo implements AutoCloseable {

  static final String CICD = ".github/workflows/cicd.yml";
  static final String BUILD = ".github/workflows/build.yml";
  static final String DEPLOY_SCRIPT = "deploy/deploy.sh";

  /** Where the learner's repository would live on GitHub: act names github.repository after it. */
  static final String ORIGIN = "https://github.com/labkit-learner/notes-api.git";

  /** The kit's own folders of a lab, and the app the kit supplies: never taken from the learner. */
  private static final List<String> NOT_COPIED =
      List.of(".git/", "app/", LabCatalog.KIT_OWN + "/", "lab.yaml", "README.md");

  final Path root;
  private final List<Problem> copyProblems;
  private final List<Workflow> workflows;
  private final List<Problem> workflowProblems;

  private PipelineRepo(
      Path root, List<Problem> copyProblems, List<Workflow> workflows, List<Problem> problems) {
    this.root = root;
    this.copyProblems = copyProblems;
    this.workflows = workflows;
    this.workflowProblems = problems;
  }

  static PipelineRepo stage(LabContext lab) {
    var root = Folders.createTemp("pipeline-repo");
    KitApp.copyTo(lab.kitRoot(), root.resolve("app"));

    var workspace = lab.workspace();
    var copying = new Feedback();
    for (var file : workspace.listFiles("", "")) {
      if (NOT_COPIED.stream().noneMatch(file::startsWith)) {
        workspace.copyFile(file, root.resolve(file)).ifPresent(copying::add);
      }
    }
    var reading = new Feedback();
    var workflows = new ArrayList<Workflow>();
    for (var file : workspace.listFiles(".github/workflows", "")) {
      if (file.endsWith(".yml") || file.endsWith(".yaml")) {
        read(lab, file, reading).ifPresent(workflows::add);
      }
    }
    return new PipelineRepo(root, copying.problems(), workflows, reading.problems());
  }

  private static Optional<Workflow> read(LabContext lab, String file, Feedback feedback) {
    var text = lab.workspace().readText(file, feedback);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Workflow(file, YamlNode.parse(text.get())));
    } catch (YamlNode.YamlSyntaxError e) {
      feedback.add(
          Problem.in(file, "the file is not valid YAML: " + e.getMessage())
              .at(e.line(), e.column())
              .hint("Indent with spaces, never tabs; a value that starts with ${{ needs quotes."));
      return Optional.empty();
    }
  }

  /** Every workflow file that could be read, cicd.yml first. */
  List<Workflow> workflows() {
    return workflows.stream()
        .sorted(Comparator.comparing((Workflow w) -> !w.file().equals(CICD)))
        .toList();
  }

  Optional<Workflow> workflow(String file) {
    return workflows.stream().filter(workflow -> workflow.file().equals(file)).findFirst();
  }

  /** Files that could not be copied or read as YAML, in the learner's words. */
  List<Problem> problems() {
    var all = new ArrayList<>(copyProblems);
    all.addAll(workflowProblems);
    return all;
  }

  @Override
  public void close() {
    Folders.delete(root);
  }
}

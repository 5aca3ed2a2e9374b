package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.java.CompiledCode;
import dev.labkit.harness.java.CompiledCode.LearnerThrew;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The shape the lab asks of the learner's {@code photos.PhotoUrls} (see the lab README), found by
 * reflection in the compiled code. A missing method is a problem with the exact signature to add.
 */
final class PhotoUrlsContract {

  static final String CLASS = "photos.PhotoUrls";
  static final String FILE = "src/main/java/photos/PhotoUrls.java";

  private final Constructor<?> constructor;
  private final Method uploadUrl;
  private final Method downloadUrl;

  private PhotoUrlsContract(Constructor<?> constructor, Method uploadUrl, Method downloadUrl) {
    this.constructor = constructor;
    this.uploadUrl = uploadUrl;
    this.downloadUrl = downloadUrl;
  }

  static Optional<PhotoUrlsContract> find(CompiledCode code, Feedback feedback) {
    Class<?> type;
    try {
      type = code.load(CLASS);
    } catch (ClassNotFoundException | LinkageError e) {
      feedback.add(
          Problem.in(FILE, "there is no public class " + CLASS)
              .hint(
                  "Keep the file at "
                      + FILE
                      + " with `package photos;` and `public class PhotoUrls`."));
      return Optional.empty();
    }
    var constructor = publicConstructor(type, feedback);
    var upload =
        publicMethod(
            type,
            feedback,
            PresignedPutObjectRequest.class,
            "uploadUrl",
            String.class,
            String.class,
            String.class,
            Duration.class);
    var download =
        publicMethod(
            type,
            feedback,
            PresignedGetObjectRequest.class,
            "downloadUrl",
            String.class,
            String.class);
    if (constructor == null || upload == null || download == null) {
      return Optional.empty();
    }
    return Optional.of(new PhotoUrlsContract(constructor, upload, download));
  }

  private static Constructor<?> publicConstructor(Class<?> type, Feedback feedback) {
    try {
      var constructor = type.getConstructor(S3Presigner.class, String.class);
      if (Modifier.isPublic(type.getModifiers())) {
        return constructor;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    feedback.add(
        Problem.in(FILE, "PhotoUrls needs its public constructor")
            .expected("public PhotoUrls(S3Presigner presigner, String bucket)"));
    return null;
  }

  private static Method publicMethod(
      Class<?> type, Feedback feedback, Class<?> returns, String name, Class<?>... parameters) {
    try {
      var method = type.getMethod(name, parameters);
      if (returns.isAssignableFrom(method.getReturnType())
          && !Modifier.isStatic(method.getModifiers())) {
        return method;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    var signature = new StringBuilder("public " + returns.getSimpleName() + " " + name + "(");
    for (int i = 0; i < parameters.length; i++) {
      signature.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
    }
    feedback.add(
        Problem.in(FILE, "PhotoUrls needs the method " + name)
            .expected(signature.append(")").toString())
            .hint("The checks call this exact signature; keep the one from the starter file."));
    return null;
  }

  /** A learner's PhotoUrls for one bucket. */
  PhotoUrls create(S3Presigner presigner, String bucket) throws LearnerThrew {
    return new PhotoUrls(CompiledCode.construct(constructor, presigner, bucket));
  }

  /** Calls into the learner's object, each call bounded in time. */
  final class PhotoUrls {
    private final Object target;

    private PhotoUrls(Object target) {
      this.target = target;
    }

    PresignedPutObjectRequest uploadUrl(
        String user, String fileName, String contentType, Duration validFor) throws LearnerThrew {
      var result =
          (PresignedPutObjectRequest)
              CompiledCode.call(uploadUrl, target, user, fileName, contentType, validFor);
      if (result == null) {
        throw new LearnerThrew(new NullPointerException("uploadUrl returned null"));
      }
      return result;
    }

    PresignedGetObjectRequest downloadUrl(String user, String key) throws LearnerThrew {
      var result = (PresignedGetObjectRequest) CompiledCode.call(downloadUrl, target, user, key);
      if (result == null) {
        throw new LearnerThrew(new NullPointerException("downloadUrl returned null"));
      }
      return result;
    }
  }
}

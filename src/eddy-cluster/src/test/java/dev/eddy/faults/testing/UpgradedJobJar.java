package dev.eddy.faults.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The job jar as a later build would ship it: a copy whose manifest and Maven metadata carry
 * another version. To Flink it is another artifact (another file, another hash, its own user-code
 * class loader); the classes are the same, so the savepoint's state must restore into them as into
 * those of any compatible release.
 */
public final class UpgradedJobJar {

    private static final String POM_PROPERTIES = "META-INF/maven/dev.eddy/eddy-jobs/pom.properties";

    private UpgradedJobJar() {}

    /** Writes {@code eddy-jobs-<version>-job.jar} into {@code directory}. */
    public static Path create(Path jobJar, String version, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path upgraded = directory.resolve("eddy-jobs-" + version + "-job.jar");
        Files.copy(jobJar, upgraded, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem jar =
                FileSystems.newFileSystem(URI.create("jar:" + upgraded.toUri()), Map.of())) {
            Path manifestPath = jar.getPath("META-INF/MANIFEST.MF");
            Manifest manifest;
            try (InputStream in = Files.newInputStream(manifestPath)) {
                manifest = new Manifest(in);
            }
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream out = Files.newOutputStream(manifestPath)) {
                manifest.write(out);
            }
            Path pomProperties = jar.getPath(POM_PROPERTIES);
            if (Files.exists(pomProperties)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(pomProperties)) {
                    properties.load(in);
                }
                properties.setProperty("version", version);
                try (OutputStream out = Files.newOutputStream(pomProperties)) {
                    properties.store(out, "version bumped by the fault suite");
                }
            }
        }
        return upgraded;
    }

    /** The version a job jar's manifest names, or null. */
    public static String versionOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null
                    ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }
}

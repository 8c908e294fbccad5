package dev.hookline.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds descriptor files: every {@code *.json} in a class path folder (listed in a directory or
 * a jar, so adding a vendor needs no index to update) or in a user's folder.
 */
final class DescriptorFiles {

    private DescriptorFiles() {
    }

    /** The descriptors in class path folder {@code root}, by file name. */
    static List<VendorDescriptor> onClassPath(ClassLoader loader, String root) {
        List<VendorDescriptor> out = new ArrayList<>();
        try {
            for (URL folder : Collections.list(loader.getResources(root + "/"))) {
                for (String name : jsonFilesIn(folder)) {
                    URLConnection conn = new URL(folder, name).openConnection();
                    conn.setUseCaches(false); // otherwise a jar stays open and locked after the read
                    try (InputStream in = conn.getInputStream()) {
                        out.add(DescriptorReader.read(in, root + "/" + name, baseName(name)));
                    }
                }
            }
        } catch (IOException e) {
            throw new VendorFileException("cannot list the vendor descriptors under " + root + "/: " + e.getMessage(), e);
        }
        return out;
    }

    /** The descriptors in a user's folder, by file name. */
    static List<VendorDescriptor> inFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new VendorFileException("vendor folder " + dir + " does not exist or is not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new VendorFileException("vendor folder " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        Collections.sort(files);
        List<VendorDescriptor> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                out.add(DescriptorReader.read(in, f.toString(), baseName(f.getFileName().toString())));
            } catch (IOException e) {
                throw new VendorFileException("vendor file " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String baseName(String fileName) {
        return fileName.substring(0, fileName.length() - ".json".length());
    }

    private static List<String> jsonFilesIn(URL folder) throws IOException {
        List<String> names = new ArrayList<>();
        switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.map(p -> p.getFileName().toString()).forEach(names::add);
                } catch (URISyntaxException e) {
                    throw new IOException("bad folder URL " + folder, e);
                }
            }
            case "jar" -> {
                JarURLConnection conn = (JarURLConnection) folder.openConnection();
                conn.setUseCaches(false);
                String prefix = conn.getEntryName();
                try (JarFile jar = conn.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                            names.add(name.substring(prefix.length()));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list vendor descriptors in " + folder);
        }
        names.removeIf(n -> !n.endsWith(".json"));
        Collections.sort(names);
        return names;
    }
}

package tandem.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates files and folders only their owner can read: the data folder holds the key that opens every secret. */
final class OwnerOnlyFiles {
    // looked up when first needed: the launcher resolves the data folder before logging knows where to write
    private static Logger log() { return LoggerFactory.getLogger(OwnerOnlyFiles.class); }

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder (its parents as usual) owner-only; an existing folder is left as it is. */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(dir);
                restrictAcl(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /**
     * Makes an existing data folder private to its owner: the folder 0700 and every file in it 0600 (an owner-only
     * ACL where there are no POSIX modes). A folder this process cannot make private is refused with the reason:
     * it holds the key that opens every stored secret.
     */
    static void secure(Path dir) throws IOException {
        if (!posix(dir)) {
            restrictAcl(dir);
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, DIRECTORY);
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.setPosixFilePermissions(f, FILE);
                }
            }
        } catch (IOException e) {
            throw new IOException("The data folder " + dir + " cannot be made private to its owner (" + e.getMessage()
                    + "); use a folder of your own (--data DIR)", e);
        }
    }

    /** Creates a file owner-only, or makes an existing one so. */
    static void privateFile(Path file) throws IOException {
        if (posix(file)) {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                    return;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: its mode is set below
                }
            }
            Files.setPosixFilePermissions(file, FILE);
        } else {
            if (!Files.exists(file)) Files.createFile(file);
            restrictAcl(file);
        }
    }

    /**
     * Writes {@code content} to {@code file}, owner-only, unless the file exists already. Several processes may race
     * to make the same file (a key, a password): a hard link fails when the file exists, so the loser keeps, and then
     * reads, the winner's content, never half of it.
     */
    static void createOnce(Path file, byte[] content, String tempPrefix) throws IOException {
        Path tmp = createTempFile(file.getParent(), tempPrefix);
        try {
            Files.write(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lostRace) {
                // keep the existing one
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException lostRace) {
                    // keep the existing one
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file in {@code dir} that only the owner can read, created with those rights from the start. */
    /** Writes {@code file} in {@code dir} whole or not at all: an owner-only temporary file moved over the old one. */
    static void replace(Path dir, Path file, String tempPrefix, String text) throws IOException {
        createDirectory(dir);
        Path tmp = createTempFile(dir, tempPrefix);
        try {
            Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        privateFile(file);
    }

    static Path createTempFile(Path dir, String prefix) throws IOException {
        if (posix(dir)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
            return Files.createTempFile(dir, prefix, ".tmp", attr);
        }
        Path file = Files.createTempFile(dir, prefix, ".tmp");
        restrictAcl(file);
        return file;
    }

    private static void restrictAcl(Path path) {
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view == null) return;
        try {
            UserPrincipal owner = Files.getOwner(path);
            AclEntry entry = AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .build();
            view.setAcl(List.of(entry));
        } catch (IOException | UnsupportedOperationException e) {
            log().warn("Could not restrict access to {} to its owner: {}", path, e.toString());
        }
    }
}

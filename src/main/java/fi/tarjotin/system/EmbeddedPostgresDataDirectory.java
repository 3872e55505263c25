package fi.tarjotin.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's data directory as this service finds it at start-up: the password that the
 * database's only account has (generated once, kept in the directory, readable by the service's user only),
 * and a server that a dead instance of the service left running on the directory, which is stopped so the
 * new instance can start its own.
 */
final class EmbeddedPostgresDataDirectory {

    /** Where the password is kept, inside the data directory (which PostgreSQL keeps at mode 0700). */
    static final String PASSWORD_FILE = "tarjotin-password";
    // The embedded library's own lock, which the live owner of the directory holds for as long as it runs.
    private static final String OWNER_LOCK = "epg-lock";
    private static final String POSTMASTER_PID = "postmaster.pid";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDataDirectory.class);

    private final Path directory;

    EmbeddedPostgresDataDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Whether the cluster exists already (else the embedded library creates it). */
    boolean isInitialised() {
        return Files.exists(directory.resolve("PG_VERSION"));
    }

    /** The kept password, if the cluster has one. */
    Optional<String> keptPassword() throws IOException {
        Path file = directory.resolve(PASSWORD_FILE);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }

    static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Writes the password where only the service's user can read it. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path hbaFile() {
        return directory.resolve("pg_hba.conf");
    }

    void keepPassword(String password) throws IOException {
        writeOwnerOnly(directory.resolve(PASSWORD_FILE), password);
    }

    /**
     * Stops a PostgreSQL that a dead instance of this service left running on the directory. A live instance
     * holds the directory's lock: then nothing is touched and the start fails with a message saying so.
     */
    void stopServerLeftByDeadInstance() throws IOException {
        Path pidFile = directory.resolve(POSTMASTER_PID);
        if (!Files.exists(pidFile) || !Files.exists(directory.resolve(OWNER_LOCK))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(OWNER_LOCK), StandardOpenOption.WRITE);
                FileLock owner = channel.tryLock()) {
            if (owner == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + directory
                        + " is in use by another running instance of the service; give this one its own "
                        + "tarjotin.embedded-postgres.data-directory, or a shared database (spring.datasource.url)");
            }
            Optional<ProcessHandle> postmaster = postmasterOf(pidFile);
            if (postmaster.isEmpty()) {
                // PostgreSQL itself ignores a lock file whose process is gone; one whose number a process of
                // another program took since would stop it, so it is removed.
                Files.deleteIfExists(pidFile);
                return;
            }
            long pid = postmaster.get().pid();
            log.warn("A PostgreSQL (pid {}) left running on {} by an instance that died is stopped, so this one "
                    + "can start its own", pid, directory);
            // SIGTERM: a smart shutdown, which the server finishes at once, its clients having died with their instance.
            postmaster.get().destroy();
            Instant deadline = Instant.now().plus(ORPHAN_STOP_TIMEOUT);
            while (postmaster.get().isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            if (postmaster.get().isAlive()) {
                throw new IllegalStateException("The PostgreSQL (pid " + pid + ") left running on " + directory
                        + " did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a PostgreSQL left running on " + directory, e);
        }
    }

    /** The live PostgreSQL server process that the lock file names, if it really serves this directory. */
    private Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean servesThisDirectory = process.flatMap(handle -> handle.info().command())
                .map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false)
                && sameDirectory(lines.get(1).strip());
        return servesThisDirectory ? process : Optional.empty();
    }

    private boolean sameDirectory(String named) {
        try {
            return Path.of(named).toRealPath().equals(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}

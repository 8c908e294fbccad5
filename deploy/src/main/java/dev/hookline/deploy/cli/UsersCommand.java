package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import dev.hookline.processor.query.access.Role;
import dev.hookline.processor.query.access.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The users file of the processor's query port and live view (query.users.file). */
@Command(name = "users", description = "Add users and tokens to the query port's users file (only hashes are stored).",
        mixinStandardHelpOptions = true, subcommands = {UsersCommand.Add.class})
public final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user (HTTP Basic; the password is read from the terminal or --password-stdin) or, "
                    + "with --token, a bearer token (generated and printed once) to FILE.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "The user's or token's name (no spaces).")
        String name;

        @Option(names = "--roles", defaultValue = "read", paramLabel = "ROLES",
                description = "read, or read,command (may send commands) (default: ${DEFAULT-VALUE}).")
        String roles;

        @Option(names = "--token", description = "A bearer token instead of a password.")
        boolean token;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The users file (created if missing).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "NAME must be one word");
            }
            Set<Role> parsed;
            try {
                parsed = Role.parse(roles);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--roles: " + e.getMessage());
            }
            String roleList = parsed.stream().map(Role::id).sorted().collect(Collectors.joining(","));
            PrintWriter out = spec.commandLine().getOut();
            String line;
            if (token) {
                String secret = UsersFile.newToken();
                line = "token " + name + " " + roleList + " " + UsersFile.hashToken(secret);
                append(line);
                out.println("Token for " + name + " (shown once; send it as 'Authorization: Bearer <token>'):");
                out.println(secret);
            } else {
                String password = password();
                if (password.length() < 8) {
                    throw new HooklineException("the password must have at least 8 characters");
                }
                line = "user " + name + " " + roleList + " " + UsersFile.hashPassword(password);
                append(line);
                out.println("Added user " + name + " (" + roleList + ") to " + file);
            }
            out.flush();
            return 0;
        }

        private String password() throws IOException {
            if (passwordStdin) {
                String first = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (first == null) {
                    throw new HooklineException("--password-stdin: standard input is empty");
                }
                return first;
            }
            Console console = System.console();
            if (console == null) {
                throw new HooklineException("no terminal to ask the password on: use --password-stdin");
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new HooklineException("the two passwords differ");
            }
            return new String(first);
        }

        private void append(String line) throws IOException {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}

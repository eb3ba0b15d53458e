package org.iln.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The `./iln` command: runs the programme on one machine, bakes the site, and matches pools. */
@Command(name = "iln",
        mixinStandardHelpOptions = true,
        versionProvider = Iln.Version.class,
        description = "International Librarians Network: run the programme locally, bake the site, match a pool, "
                + "hand coordinators' pins and forbids to the matching.",
        subcommands = {DevCommand.class, RunCommand.class, BakeCommand.class, MatchCommand.class, CoordinateCommand.class})
public final class Iln implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Iln()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        // Without a subcommand there is nothing to do: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Iln.class.getPackage().getImplementationVersion();
            return new String[] {"iln " + (version == null ? "development build" : version)};
        }
    }
}

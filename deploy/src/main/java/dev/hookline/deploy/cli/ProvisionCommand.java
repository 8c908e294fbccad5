package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import dev.hookline.gateway.provisioning.Provisioning;
import dev.hookline.gateway.provisioning.ProvisioningException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hookline provision VENDOR}: phone configuration pointing every Action URL at a gateway. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Print ready-to-paste phone configuration that sends every Action URL event of VENDOR to a gateway.")
public final class ProvisionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VENDOR",
            description = "One of: ${COMPLETION-CANDIDATES} (or an alias of one, or a vendor of --vendors-dir).",
            completionCandidates = Vendors.class)
    String vendor;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "The gateway as phones reach it, e.g. http://10.0.0.5:8080.")
    String baseUrl;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The gateway's shared token, appended to every URL.")
    String token;

    @Mixin
    VendorsDirOption vendorsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Provisioning provisioning = Provisioning.of(vendorsDir.catalogue());
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.print(provisioning.render(vendor, baseUrl, Optional.ofNullable(token)));
            out.flush();
            return 0;
        } catch (ProvisioningException e) {
            throw new HooklineException(e.getMessage(), e);
        }
    }

    /** The built-in vendors that can be provisioned. */
    static final class Vendors implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Provisioning.builtIn().vendors().iterator();
        }
    }
}

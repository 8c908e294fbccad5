package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --vendors-dir DIR}: a user's folder of vendor descriptors, as the services' {@code vendors.dir}. */
public final class VendorsDirOption {

    @Option(names = "--vendors-dir", paramLabel = "DIR",
            description = "A folder of vendor files (<vendor>.json) that add vendors or override the built-in ones "
                    + "(the services' vendors.dir).")
    Path dir;

    /**
     * The built-in vendors, then those of the folder if given.
     *
     * @throws HooklineException naming the file, the key and the reason when a descriptor is invalid
     */
    public VendorCatalogue catalogue() {
        try {
            return VendorCatalogue.load(Optional.ofNullable(dir));
        } catch (VendorFileException e) {
            throw new HooklineException(e.getMessage(), e);
        }
    }
}

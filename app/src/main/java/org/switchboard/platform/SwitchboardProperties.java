package org.switchboard.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by the whole application, bound from {@code switchboard.*} (environment variables
 * {@code SWITCHBOARD_*}, see the README).
 *
 * @param dataDir where the embedded database and attachments live ({@code SWITCHBOARD_DATA_DIR})
 * @param demoData load demo data; {@code null} means "on for a newly created embedded database"
 * @param adminPassword creates the first admin {@code admin} on a database without users
 * @param publicUrl the address users reach Switchboard at, used in invitation and reset links
 * @param db an external PostgreSQL; when {@code url} is blank the embedded one is started
 * @param api limits of the REST API
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        @DefaultValue("./data") Path dataDir,
        Boolean demoData,
        String adminPassword,
        String publicUrl,
        @DefaultValue Db db,
        @DefaultValue Api api) {

    /** An external PostgreSQL; all blank means the embedded one. */
    public record Db(String url, String user, String password) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param maxBodyBytes largest accepted JSON body; larger is a 413
     * @param maxAttachmentBytes largest accepted attachment; larger is a 413
     */
    public record Api(
            @DefaultValue("1048576") long maxBodyBytes,
            @DefaultValue("26214400") long maxAttachmentBytes) {}
}

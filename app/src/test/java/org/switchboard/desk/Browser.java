package org.switchboard.desk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for browser tests: Debian's {@code chromium} and {@code chromedriver} packages
 * ({@code apt-get install -y chromium chromium-driver}), driven by Selenium through an explicitly
 * configured driver service, so nothing is ever downloaded. Each browser gets a fresh profile directory,
 * deleted on {@link #close()}.
 *
 * <p>Without Chromium a browser test is skipped with a plain message, unless the system property
 * {@code switchboard.browser.required=true} (set by the build for CI), in which case it fails.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("switchboard.browser.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("switchboard.browser.driver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips (or, when browsers are required, fails) the calling test if Chromium is not installed. */
    public static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                missing.add(executable.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String what = String.join(" and ", missing) + " not found";
        if (Boolean.getBoolean("switchboard.browser.required")) {
            Assertions.fail("Browser tests are required (switchboard.browser.required=true) but " + what
                    + "; install them with: apt-get install -y chromium chromium-driver");
        }
        String message = "Chromium not installed (" + what + "): browser tests skipped";
        System.out.println(message);
        Assumptions.abort(message);
    }

    /** Starts a headless Chromium with a window of the given size. */
    public static Browser start(int width, int height) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("switchboard-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public static Browser start() {
        return start(1366, 900);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}

package dev.polity.server.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (named explicitly, so Selenium Manager never
 * looks for one on the internet), with a fresh profile under target/ and a screenshot of each step under
 * target/screenshots/. Without the two binaries the tests are skipped with a message, and fail under CI=true.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    final ChromeDriver driver;
    private final Path shots;
    private int step;

    private Browser(ChromeDriver driver, Path shots) {
        this.driver = driver;
        this.shots = shots;
    }

    static Browser start(String name) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "no " + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM) + ": install Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver; .ci/run does) to run the browser tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path profile = Files.createTempDirectory(target, "chromium-profile-");
            Path shots = target.resolve("screenshots").resolve(name);
            Files.createDirectories(shots);
            System.setProperty("webdriver.chrome.driver", DRIVER.toString());
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                    "--user-data-dir=" + profile, "--lang=en-GB");
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, shots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A phone's window (390 x 844) or a desktop's. */
    void phone(boolean phone) {
        driver.manage().window().setSize(phone ? new Dimension(390, 844) : new Dimension(1280, 1000));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The button whose visible label is exactly {@code label}. */
    WebElement button(String label) {
        return driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button labelled '" + label + "' on " + driver.getCurrentUrl()));
    }

    /** Clicks (or, with keys, types into) an element that leaves the page, and waits for the next page to replace it. */
    void leave(Runnable action) {
        // a mark on the old page's window: gone once the next document has replaced it
        script("window.__polityOldPage = true");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d ->
                Boolean.TRUE.equals(script("return window.__polityOldPage === undefined && document.readyState === 'complete'")));
    }

    void click(WebElement e) {
        leave(e::click);
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Saves the window as target/screenshots/NAME/NN-step.png. */
    void shot(String what) {
        step++;
        Path file = shots.resolve(String.format(java.util.Locale.ROOT, "%02d-%s.png", step, what));
        try {
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package cn.yaan.carbonsink.it.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (never a downloaded browser).
 * Records the page's console and network so that a journey fails on any JavaScript error or failed request.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** A phone (iPhone 12-14 CSS pixels) and an office screen. */
    public enum Size {
        PHONE(390, 844), DESKTOP(1366, 900);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final WebDriver driver;
    private final String baseUrl;
    private final Path userDataDir;
    /** Every console message of the browser's life, for checks at the end of a journey. */
    private final List<String> console = new ArrayList<>();

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)
                && !"false".equals(System.getProperty("it.browser"));
    }

    public Browser(String baseUrl, Size size, String language) {
        this(baseUrl, size, language, null);
    }

    /** @param camera a Y4M video the pages get as the camera (permission granted), or null for no camera */
    public Browser(String baseUrl, Size size, String language, Path camera) {
        this.baseUrl = baseUrl;
        try {
            this.userDataDir = Files.createTempDirectory("chromium-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + userDataDir, "--lang=" + language,
                "--window-size=" + size.width + "," + size.height);
        if (camera != null) {
            options.addArguments("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=" + camera);
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(size.width, size.height));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement find(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    public void waitForText(String id, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    public String text(String id) {
        return find(id).getText();
    }

    public void type(String id, String value) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(value);
    }

    public void click(String id) {
        find(id).click();
    }

    public boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    public Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Saves a screenshot under integration-tests/target/screenshots. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = dir.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JavaScript errors and failed requests of our pages since the last call: severe console entries, HTTP >= 400,
     * network failures. Requests the browser makes on its own to other hosts (it has no network here) do not count.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> urls = new java.util.HashMap<>();
        for (LogEntry entry : consoleSinceLastCall()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console: " + entry.getMessage());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message");
            String method = message.getString("method", "");
            JsonObject params = message.getJsonObject("params");
            if ("Network.requestWillBeSent".equals(method)) {
                urls.put(params.getString("requestId", ""), params.getJsonObject("request").getString("url", ""));
            } else if ("Network.responseReceived".equals(method)) {
                JsonObject response = params.getJsonObject("response");
                int status = response.getInt("status", 0);
                if (status >= 400) {
                    problems.add("request failed: " + status + " " + response.getString("url", ""));
                }
            } else if ("Network.loadingFailed".equals(method) && !params.getBoolean("canceled", false)) {
                String url = urls.getOrDefault(params.getString("requestId", ""), "");
                if (url.startsWith(baseUrl)) {
                    problems.add("request failed: " + params.getString("errorText", "") + " " + url);
                }
            }
        }
        return problems;
    }

    private List<LogEntry> consoleSinceLastCall() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        entries.forEach(e -> console.add(e.getLevel() + " " + e.getMessage()));
        return entries;
    }

    /** Every report of a Content-Security-Policy violation the pages of this browser logged, whatever its level. */
    public List<String> cspViolations() {
        consoleSinceLastCall();
        return console.stream().filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(userDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory; the OS cleans it up eventually
            }
        }
    }
}

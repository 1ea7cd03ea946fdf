package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The two pages a person uses, in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; nothing is downloaded). Without a browser the tests are skipped, except in CI
 * (env {@code CI} set), where that is a failure.
 */
class BrowserTest extends ServerTestBase {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Held so the setting sticks: Selenium warns on every session that it has no DevTools binding for
   * this Chromium version, which these tests never use.
   */
  private static final Logger CDP_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(Level.SEVERE);
  }

  private Path profile;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "Browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (apt-get install chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        fail(message + "; CI is set, so a missing browser is a failure");
      }
      assumeTrue(false, "SKIPPED: " + message);
    }
    profile = Files.createTempDirectory("blotre-server-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    // An explicit driver and browser keep Selenium Manager from ever running (it would try to
    // download).
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void redeemingACodeThroughTheFormLetsTheAppExchangeIt() {
    Map<String, Object> client = createDisposable("Browser app");
    driver.get(emulator.baseUrl() + "/v0/oauth2/redeem");
    assertThat(driver.findElement(By.tagName("body")).getText())
        .contains(
            "Please enter the case sensitive, eight letter authorization code provided by your application.");
    driver.findElement(By.id("code")).sendKeys((String) client.get("code"));
    new Select(driver.findElement(By.id("user"))).selectByValue("other");
    driver.findElement(By.id("submit")).click();

    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
    assertThat(driver.findElement(By.id("app-name")).getText()).isEqualTo("Browser app");
    driver.findElement(By.id("allow")).click();
    wait.until(ExpectedConditions.urlContains("/v0/oauth2/redeemSuccessful"));
    assertThat(driver.findElement(By.tagName("body")).getText()).contains("Way to go!");

    Wire.Answer creds = exchangeOneTimeCode(client);
    assertThat(creds.status()).isEqualTo(200);
    assertThat(creds.map().get("user")).asString().contains("userName=other");
  }

  @Test
  void aWrongCodeShowsTheErrorOnTheForm() {
    driver.get(emulator.baseUrl() + "/v0/oauth2/redeem");
    driver.findElement(By.id("code")).sendKeys("WRONG123");
    driver.findElement(By.id("submit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
    assertThat(driver.findElement(By.id("error")).getText())
        .isEqualTo(
            "The code you entered is invalid or has expired. Please try again or try generating a new code.");
  }

  @Test
  void aSwatchChangesColorWithoutAReload() {
    String token = tokenFor("demo");
    String id =
        wire.json(
                "PUT",
                "/v0/api/stream",
                token,
                "{\"name\":\"Lamp\",\"uri\":\"demo/lamp\",\"status\":{\"color\":\"#0000ff\"}}")
            .field("id");
    driver.get(emulator.baseUrl() + "/");
    By swatch = By.cssSelector(".stream[data-uri='demo/lamp'] .swatch");
    wait.until(d -> swatchColor(d, swatch).equals("#0000ff"));
    ((JavascriptExecutor) driver).executeScript("window.stillTheSamePage = true;");

    assertThat(
            wire.json("POST", "/v0/api/stream/" + id + "/status", token, "{\"color\":\"#FF8000\"}")
                .status())
        .isEqualTo(200);

    wait.until(d -> swatchColor(d, swatch).equals("#ff8000"));
    assertThat(
            ((JavascriptExecutor) driver).executeScript("return window.stillTheSamePage === true;"))
        .isEqualTo(true);
    assertThat(
            driver
                .findElement(By.cssSelector(".stream[data-uri='demo/lamp']"))
                .getAttribute("data-color"))
        .isEqualTo("#FF8000");
  }

  private static String swatchColor(WebDriver driver, By swatch) {
    return Color.fromString(driver.findElement(swatch).getCssValue("background-color")).asHex();
  }
}

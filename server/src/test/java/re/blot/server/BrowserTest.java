package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages a person uses, signed in, in headless Chromium (each test saves screenshots under
 * {@code target/screenshots/}) (Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded). Without a browser the tests are skipped, except in CI (env {@code CI} set), where
 * that is a failure.
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

  private static final String PASSWORD = "browser password";

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
    driver.manage().window().setSize(new Dimension(1280, 900));
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

  @Override
  BlotreServer.Builder configure(BlotreServer.Builder builder) {
    return builder.userPicker(false);
  }

  @BeforeEach
  void passwords() {
    emulator.setPassword("demo", PASSWORD);
    emulator.setPassword("other", PASSWORD);
  }

  /**
   * Saves what the browser shows as {@code target/screenshots/NAME.png}, for a person to look at.
   */
  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Signs in on the form the browser is on (or is sent to), with the keyboard. */
  private void signInHere(String name) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name")));
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("name")).sendKeys(Keys.TAB);
    driver.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
  }

  private void signIn(String name) {
    driver.get(emulator.baseUrl() + "/login");
    signInHere(name);
  }

  private String lamp(String token, String color) {
    return wire.json(
            "PUT",
            "/v0/api/stream",
            token,
            "{\"name\":\"Lamp\",\"uri\":\"demo/lamp\",\"status\":{\"color\":\"" + color + "\"}}")
        .field("id");
  }

  @Test
  void signInRedeemACodeAndAllowLetsTheAppExchangeIt() throws IOException {
    Map<String, Object> client = createDisposable("Browser app");
    driver.get(emulator.baseUrl() + "/v0/oauth2/redeem");
    wait.until(ExpectedConditions.urlContains("/login"));
    screenshot("sign-in");
    signInHere("demo");
    wait.until(ExpectedConditions.urlContains("/v0/oauth2/redeem"));
    assertThat(driver.findElement(By.tagName("body")).getText())
        .contains(
            "Please enter the case sensitive, eight letter authorization code provided by your application.",
            "Signed in as demo");
    assertThat(driver.findElements(By.id("user"))).as("no picker of users").isEmpty();
    driver.findElement(By.id("code")).sendKeys((String) client.get("code"));
    driver.findElement(By.id("submit")).click();

    wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
    assertThat(driver.findElement(By.id("app-name")).getText()).isEqualTo("Browser app");
    screenshot("consent");
    driver.findElement(By.id("allow")).click();
    wait.until(ExpectedConditions.urlContains("/v0/oauth2/redeemSuccessful"));
    assertThat(driver.findElement(By.tagName("body")).getText()).contains("Way to go!");

    Wire.Answer creds = exchangeOneTimeCode(client);
    assertThat(creds.status()).isEqualTo(200);
    assertThat(creds.map().get("user")).asString().contains("userName=demo");
  }

  @Test
  void aWrongCodeShowsTheErrorOnTheForm() {
    signIn("demo");
    driver.get(emulator.baseUrl() + "/v0/oauth2/redeem");
    driver.findElement(By.id("code")).sendKeys("WRONG123");
    driver.findElement(By.id("submit")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
    assertThat(driver.findElement(By.id("error")).getText())
        .isEqualTo(
            "The code you entered is invalid or has expired. Please try again or try generating a new code.");
  }

  @Test
  void aCardChangesColorWithoutAReloadWhenAStatusIsSetOverRest() throws IOException {
    String token = tokenFor("demo");
    String id = lamp(token, "#0000ff");
    signIn("demo");
    driver.get(emulator.baseUrl() + "/");
    By card = By.cssSelector(".card[data-uri='demo/lamp']");
    By swatch = By.cssSelector(".card[data-uri='demo/lamp'] .swatch");
    wait.until(d -> swatchColor(d, swatch).equals("#0000ff"));
    wait.until(d -> "open".equals(d.findElement(By.tagName("html")).getAttribute("data-live")));
    assertThat(driver.findElement(card).getText()).contains("Lamp", "#0000ff (blue)");
    ((JavascriptExecutor) driver).executeScript("window.stillTheSamePage = true;");

    assertThat(
            wire.json("POST", "/v0/api/stream/" + id + "/status", token, "{\"color\":\"#FF8000\"}")
                .status())
        .isEqualTo(200);

    wait.until(d -> swatchColor(d, swatch).equals("#ff8000"));
    assertThat(
            ((JavascriptExecutor) driver).executeScript("return window.stillTheSamePage === true;"))
        .isEqualTo(true);
    assertThat(driver.findElement(card).getAttribute("data-color")).isEqualTo("#FF8000");
    assertThat(driver.findElement(card).getText()).contains("#FF8000 (orange)");
    screenshot("home");
  }

  @Test
  void theStreamPageShowsTheHistoryBandAndFollowsChanges() throws IOException {
    String token = tokenFor("demo");
    String id = lamp(token, "#2e7d32");
    for (String color : new String[] {"#66bb6a", "#fdd835", "#fb8c00", "#c62828"}) {
      clock.advance(Duration.ofMinutes(25));
      assertThat(
              wire.json(
                      "POST",
                      "/v0/api/stream/" + id + "/status",
                      token,
                      "{\"color\":\"" + color + "\"}")
                  .status())
          .isEqualTo(200);
    }
    driver.get(emulator.baseUrl() + "/s/demo/lamp");
    WebElement band = driver.findElement(By.cssSelector("#band-last-day .band"));
    List<WebElement> slices = band.findElements(By.tagName("span"));
    assertThat(slices).hasSize(96);
    assertThat(
            slices.stream()
                .map(s -> Color.fromString(s.getCssValue("background-color")).asHex())
                .distinct())
        .contains("#2e7d32", "#fdd835", "#c62828");
    assertThat(driver.findElement(By.cssSelector("#band-last-day figcaption")).getText())
        .contains("5 change(s), from #2e7d32 to #c62828");
    wait.until(d -> "open".equals(d.findElement(By.tagName("html")).getAttribute("data-live")));
    wire.json("POST", "/v0/api/stream/" + id + "/status", token, "{\"color\":\"#1565c0\"}");
    wait.until(d -> swatchColor(d, By.cssSelector(".now .swatch")).equals("#1565c0"));
    screenshot("stream");
  }

  @Test
  void revokingAnAppOnTheAuthorizationsPageRefusesItsNextCall() throws IOException {
    String token = tokenFor("demo");
    signIn("demo");
    driver.get(emulator.baseUrl() + "/account/authorizations");
    assertThat(driver.findElement(By.id("apps")).getText()).contains("Test app");
    screenshot("authorizations");
    driver.findElement(By.cssSelector("#apps button.danger")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-apps")));

    Wire.Answer refused =
        wire.json(
            "POST",
            "/v0/api/stream/" + rootId("demo") + "/status",
            token,
            "{\"color\":\"#123456\"}");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).isEqualTo(EXPIRED_CHALLENGE);
  }

  @Test
  void thePagesFitAPhoneScreen() throws IOException {
    lamp(tokenFor("demo"), "#00897b");
    driver.manage().window().setSize(new Dimension(360, 740));
    for (String page : new String[] {"/login", "/", "/s/demo/lamp"}) {
      driver.get(emulator.baseUrl() + page);
      Object overflow =
          ((JavascriptExecutor) driver)
              .executeScript(
                  "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
      assertThat(overflow).as("%s scrolls sideways at 360 px", page).isEqualTo(false);
    }
    screenshot("phone-stream");
    signIn("demo");
    driver.get(emulator.baseUrl() + "/account/developer");
    screenshot("phone-developer");
  }

  private static String swatchColor(WebDriver driver, By swatch) {
    return Color.fromString(driver.findElement(swatch).getCssValue("background-color")).asHex();
  }
}

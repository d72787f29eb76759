package io.attemptlake.etl.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Expected;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Chromium;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The report page in a real (headless) Chromium: key typed in, chart and summary drawn from the API. */
@RealKafka
@RealHdfs
class ReportPageTest {

    @Test
    void drawsTheCourseChartAndSummaryForTheKeyEnteredOnThePage() throws Exception {
        Chromium.ensureInstalled();
        List<String> records = AttemptGenerator.records(205, 3280).toList();
        Expected expected = new Expected(records);
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", records);
            etl.runToCompletion();
            Http.Response page = etl.http().get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");

            ChromeDriver browser = browser();
            try {
                browser.get(etl.http().base() + "/");
                browser.findElement(By.id("api-key")).sendKeys("not-a-key");
                browser.findElement(By.id("show")).click();
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(ExpectedConditions.attributeToBe(By.id("status"), "class", "error"));
                assertThat(browser.findElement(By.id("status")).getText()).contains("API key is not valid");

                browser.findElement(By.id("api-key")).clear();
                browser.findElement(By.id("api-key")).sendKeys(EtlApp.PEARSON_KEY);
                browser.findElement(By.id("show")).click();
                wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#chart rect.bar"), 0));

                List<WebElement> bars = browser.findElements(By.cssSelector("#chart rect.bar"));
                assertThat(bars).hasSize(20);
                assertThat(bars.get(0).getDomAttribute("data-course")).isEqualTo(expected.mostCommon().get(0));
                assertThat(bars.get(0).getDomAttribute("data-attempts"))
                        .isEqualTo(String.valueOf(expected.receivedPerCourse.get(expected.mostCommon().get(0))));
                assertThat(bars.get(0).getDomAttribute("class")).contains("most");
                assertThat(Double.parseDouble(bars.get(0).getDomAttribute("width")))
                        .isGreaterThan(Double.parseDouble(bars.get(19).getDomAttribute("width")));
                assertThat(browser.findElement(By.id("received")).getText()).isEqualTo(String.format("%,d", expected.received));
                assertThat(browser.findElement(By.id("distinct")).getText())
                        .isEqualTo(String.format("%,d", expected.distinct.size()));
                assertThat(browser.findElement(By.id("most-common")).getText()).isEqualTo(expected.mostCommon().get(0));

                Path screenshot = Path.of("target", "screenshots", "report-page.png");
                Files.createDirectories(screenshot.getParent());
                File shot = browser.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(screenshot)).isGreaterThan(10_000);
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY.toFile());
        // Flags that keep Chromium quiet on a machine without network, and headless as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + RealInfrastructure.newDir("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

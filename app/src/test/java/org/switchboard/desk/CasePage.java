package org.switchboard.desk;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The case page ({@code /cases/{number}}): header, timeline, composer, controls, who else is there. */
public final class CasePage {

    private static final Duration LIVE = Duration.ofSeconds(20);

    private final WebDriver driver;

    private CasePage(WebDriver driver) {
        this.driver = driver;
    }

    public static CasePage open(WebDriver driver, String baseUrl, String number) {
        driver.get(baseUrl + "/cases/" + number);
        CasePage page = new CasePage(driver);
        page.waitUntilLive();
        return page;
    }

    /** Waits until the page's live-update stream is connected. */
    public CasePage waitUntilLive() {
        new WebDriverWait(driver, LIVE)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("main[data-live-page=case][data-live=connected]")));
        return this;
    }

    public String subject() {
        return driver.findElement(By.cssSelector("#case-header h1")).getText();
    }

    public String status() {
        return driver.findElement(By.id("case-status")).getText();
    }

    public String timeline() {
        return driver.findElement(By.id("timeline")).getText();
    }

    public String viewers() {
        return driver.findElement(By.id("case-viewers")).getText();
    }

    public String flash() {
        return driver.findElement(By.cssSelector(".flash")).getText();
    }

    /**
     * Submits a form of the page and waits for the page it loads: the old page is still connected until
     * the browser replaces it, so waiting for "live" alone could see the old one.
     */
    private CasePage submit(By button) {
        WebElement before = driver.findElement(By.tagName("main"));
        driver.findElement(button).click();
        new WebDriverWait(driver, LIVE).until(ExpectedConditions.stalenessOf(before));
        return waitUntilLive();
    }

    /** Sends a public reply (a form post: the page reloads with the reply in the timeline). */
    public CasePage reply(String text) {
        driver.findElement(By.id("composer-text")).sendKeys(text);
        return submit(By.id("send-reply"));
    }

    /** Adds an internal note. */
    public CasePage note(String text) {
        driver.findElement(By.id("composer-text")).sendKeys(text);
        return submit(By.id("add-note"));
    }

    /** Changes the status; {@code pendingReason} and {@code disposition} may be null. */
    public CasePage changeStatus(String status, String pendingReason, String disposition) {
        new Select(driver.findElement(By.id("change-status"))).selectByValue(status);
        if (pendingReason != null) {
            new Select(driver.findElement(By.id("change-pending"))).selectByValue(pendingReason);
        }
        if (disposition != null) {
            driver.findElement(By.id("change-disposition")).sendKeys(disposition);
        }
        return submit(By.id("change-status-submit"));
    }

    /** Marks the loaded document; {@link #sameDocument()} tells whether it was reloaded since. */
    public CasePage markDocument() {
        ((JavascriptExecutor) driver).executeScript("window.__deskMarker = 'unchanged';");
        return this;
    }

    public boolean sameDocument() {
        return "unchanged".equals(((JavascriptExecutor) driver).executeScript("return window.__deskMarker;"));
    }

    /** Waits (without reloading) until the given text shows in an element. */
    public void waitForText(By element, String text) {
        new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    public void waitForTimeline(String text) {
        waitForText(By.id("timeline"), text);
    }

    public void waitForStatus(String text) {
        waitForText(By.id("case-status"), text);
    }

    public void waitForViewers(String text) {
        waitForText(By.id("case-viewers"), text);
    }
}

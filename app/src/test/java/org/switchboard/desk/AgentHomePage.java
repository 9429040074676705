package org.switchboard.desk;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The agent's home ({@code /}): "my cases" and the queues with their count badges. */
public final class AgentHomePage {

    private final WebDriver driver;
    private final String baseUrl;

    AgentHomePage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public List<String> myCaseNumbers() {
        return driver.findElements(By.cssSelector("#my-cases tbody td:first-child a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public List<String> queueNames() {
        return driver.findElements(By.cssSelector("#queue-counts li > a:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The active-case count badge of a queue. */
    public String queueCount(String queueName) {
        for (WebElement item : driver.findElements(By.cssSelector("#queue-counts li"))) {
            if (item.findElement(By.cssSelector("a")).getText().equals(queueName)) {
                return item.findElement(By.cssSelector(".badge.count")).getText();
            }
        }
        throw new AssertionError("queue " + queueName + " is not on the home page");
    }

    /** Waits until the page's live-update stream is connected. */
    public AgentHomePage waitUntilLive() {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("main[data-live-page=home][data-live=connected]")));
        return this;
    }

    /** Waits (without reloading) until "my cases" lists this case. */
    public void waitForMyCase(String number) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("my-cases"), number));
    }

    /** Marks the loaded document; {@link #sameDocument()} tells whether it was reloaded since. */
    public AgentHomePage markDocument() {
        ((JavascriptExecutor) driver).executeScript("window.__deskMarker = 'unchanged';");
        return this;
    }

    public boolean sameDocument() {
        return "unchanged".equals(((JavascriptExecutor) driver).executeScript("return window.__deskMarker;"));
    }

    public CasePage openCase(String number) {
        return CasePage.open(driver, baseUrl, number);
    }
}

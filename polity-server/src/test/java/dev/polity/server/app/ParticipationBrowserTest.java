package dev.polity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.store.DeliberationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in a real browser (Debian's Chromium through Selenium), one deliberation from start to end: a
 * participant joins on a phone-sized window, votes with the keyboard and the mouse, meets a statement written to
 * attack the page (it stays text), adds a statement, answers a question, sees where they stand and the broadest
 * support, reads and deletes their data, in English and in German; an organiser signs in, moderates the new
 * statement, reads the results, promotes statements to a linted norm layer, and opens the dashboard. One browser
 * for the class; a screenshot of each step under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParticipationBrowserTest {
    static final String ATTACK = "<script>window.__attacked = 1</script><img src=x onerror=\"window.__attacked = 2\"> Attacks stay text.";
    static final String ATTACK_ANSWER = "<img src=x onerror=\"window.__attacked = 3\">";
    static final List<String> SEEDS = List.of(
            "The assistant should say it is an AI.",
            "The assistant should answer in the resident's own language.",
            "The assistant should refer medical questions to the nurse line.",
            "The assistant should help with tax forms.",
            "The assistant should discuss local elections.",
            "The assistant should remember past conversations.",
            "The assistant should be available at night.",
            ATTACK);

    @TempDir
    static Path dir;
    AppHarness app;
    Browser browser;
    DeliberationStore.Stored d;
    String participantPage;

    @BeforeAll
    void start() {
        browser = Browser.start("ParticipationBrowserTest");
        app = new AppHarness(dir);
        d = app.deliberations.create(new DeliberationStore.NewDeliberation("What should the city's assistant do?", "A town hall on the city's chat assistant.",
                true, "2099-12-31", List.of(new DeliberationStore.Question("Age group", List.of("under 30", "30 or older", ATTACK_ANSWER)))), SEEDS);
        // forty earlier participants in two camps who agree on the first two statements
        for (int p = 0; p < 40; p++) {
            long id = app.deliberations.join(d.id());
            boolean camp = p % 2 == 0;
            for (long s = 1; s <= 7; s++) {
                int vote = s <= 2 ? 1 : (s <= 4) == camp ? 1 : -1;
                if ((p + s) % 9 != 0) {
                    app.deliberations.vote(d.id(), id, s, vote);
                }
            }
        }
        participantPage = app.root() + "/d/" + d.id();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void aParticipantJoinsWithTheLinkAndSeesOneStatementWithItsButtons() {
        browser.phone(true);
        browser.open(participantPage);
        assertThat(browser.find("h1").getText()).isEqualTo("What should the city's assistant do?");
        assertThat(SEEDS).contains(browser.find("#statement").getText());
        for (String label : List.of("Agree", "Disagree", "Pass", "Skip")) {
            assertThat(browser.button(label).isDisplayed()).isTrue();
        }
        assertThat(browser.find("textarea#new-statement").isDisplayed()).isTrue();
        browser.shot("join");
    }

    @Test
    @Order(2)
    void votingMovesToTheNextStatementByKeyboardOrMouseAndAnAttackStaysText() {
        String first = browser.find("#statement").getText();
        // keyboard: tab to Agree (its focus is visible) and press Enter
        WebElement agree = browser.button("Agree");
        for (int i = 0; i < 40 && !agree.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(agree);
        assertThat(agree.getCssValue("outline-style")).isEqualTo("solid");
        browser.shot("focus-on-agree");
        browser.leave(() -> agree.sendKeys(Keys.ENTER));
        assertThat(browser.find(".notice").getText()).isEqualTo("Your vote is saved.");
        assertThat(browser.find("#statement").getText()).isNotEqualTo(first);
        browser.shot("voted");
        List<String> seen = new ArrayList<>(List.of(first));
        boolean skipped = false;
        while (!browser.all("#statement").isEmpty()) {
            String text = browser.find("#statement").getText();
            assertThat(seen).doesNotContain(text);
            seen.add(text);
            if (text.contains("Attacks stay text")) {
                assertThat(text).isEqualTo(ATTACK);
                assertThat(browser.script("return window.__attacked === undefined")).isEqualTo(true);
                assertThat(browser.all("#statement img")).isEmpty();
                browser.shot("attack-shown-as-text");
            }
            if (!skipped && seen.size() == 3) {
                browser.click(browser.button("Skip"));
                skipped = true;
                continue;
            }
            int n = SEEDS.indexOf(text);
            browser.click(browser.button(n <= 1 ? "Agree" : n <= 3 ? "Agree" : n == 7 ? "Pass" : "Disagree"));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(SEEDS);
        assertThat(browser.find(".progress").getText()).isEqualTo("You have voted on 7 of 8 statements.");
        assertThat(browser.script("return window.__attacked === undefined")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void theParticipantSeesWhereTheyStandAndTheBroadestSupport() {
        assertThat(browser.find(".done").getText()).startsWith("You have seen every statement.");
        WebElement you = browser.find(".map svg circle.you");
        assertThat(you.isDisplayed()).isTrue();
        assertThat(browser.all(".map svg circle.point").size()).isGreaterThan(40);
        List<WebElement> support = browser.all("ol.support li");
        assertThat(support).isNotEmpty();
        assertThat(support.get(0).getText()).containsAnyOf(SEEDS.get(0), SEEDS.get(1));
        browser.shot("where-you-stand");
    }

    @Test
    @Order(4)
    void theParticipantAddsAStatementAndAnswersTheQuestion() {
        browser.find("textarea#new-statement").sendKeys("The assistant should explain <b>why</b> it cannot help.");
        browser.click(browser.button("Submit statement"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Thank you: your statement awaits moderation.");
        new Select(browser.find("select#q0")).selectByVisibleText("under 30");
        browser.click(browser.button("Save answers"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Your answers are saved.");
        assertThat(new Select(browser.find("select#q0")).getFirstSelectedOption().getText()).isEqualTo("under 30");
        assertThat(new Select(browser.find("select#q0")).getOptions()).extracting(WebElement::getText).contains(ATTACK_ANSWER);
        assertThat(browser.script("return window.__attacked === undefined")).isEqualTo(true);
        browser.shot("statement-added");
        browser.click(browser.driver.findElement(By.linkText("Your data")));
        assertThat(browser.all("table.my-votes tbody tr")).hasSize(7);
        assertThat(browser.find("table.my-statements").getText()).contains("The assistant should explain <b>why</b> it cannot help.")
                .contains("awaiting moderation");
        assertThat(browser.find("dl.my-answers").getText()).contains("Age group").contains("under 30");
        browser.shot("my-data");
    }

    @Test
    @Order(5)
    void theParticipantReadsThePageInGerman() {
        browser.open(participantPage + "?lang=de");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("de");
        assertThat(browser.find("#vote-heading").getText()).isEqualTo("Was meinen Sie?");
        assertThat(browser.find("#map-heading").getText()).isEqualTo("Wo Sie stehen");
        browser.shot("german");
        browser.open(participantPage + "?lang=en");
        assertThat(browser.find("#vote-heading").getText()).isEqualTo("What do you think?");
    }

    @Test
    @Order(6)
    void anOrganiserSignsInAndModeratesTheNewStatement() {
        browser.phone(false);
        browser.open(app.root() + "/organise");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/signin");
        browser.find("input#key").sendKeys(app.operatorKey);
        browser.click(browser.button("Sign in"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/organise");
        assertThat(browser.find("table.deliberations").getText()).contains("What should the city's assistant do?");
        browser.shot("organiser-signed-in");
        browser.click(browser.driver.findElement(By.linkText("What should the city's assistant do?")));
        WebElement pending = browser.find("form.moderate");
        assertThat(pending.findElement(By.cssSelector(".pending-statement")).getText()).isEqualTo("The assistant should explain <b>why</b> it cannot help.");
        pending.findElement(By.name("reason")).sendKeys("on topic");
        browser.shot("moderation-queue");
        browser.click(pending.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Accept")).findFirst().orElseThrow());
        assertThat(browser.find("#moderation + p").getText()).isEqualTo("No statement awaits moderation.");
        assertThat(app.deliberations.statements(d.id()).get(8).state()).isEqualTo("accepted");
        assertThat(app.deliberations.statements(d.id()).get(8).reason()).isEqualTo("on topic");
    }

    @Test
    @Order(7)
    void theOrganiserReadsTheLiveResults() {
        assertThat(browser.find("#group-count").getText()).isEqualTo("2 opinion groups.");
        assertThat(browser.all("table.repness")).hasSize(2);
        assertThat(browser.find("table.consensus").getText()).contains(SEEDS.get(0));
        assertThat(browser.find(".map svg").isDisplayed()).isTrue();
        assertThat(browser.find(".chart svg").isDisplayed()).isTrue();
        browser.shot("results");
    }

    @Test
    @Order(8)
    void theOrganiserPromotesStatementsToALintedNormLayer() {
        for (WebElement box : browser.all("input[name=statement][type=checkbox]")) {
            if (List.of("1", "2").contains(box.getAttribute("value"))) {
                box.click();
            }
        }
        browser.find("input[name=topic]").sendKeys("community.assistant");
        new Select(browser.find("select[name=kind]")).selectByVisibleText("should");
        browser.find("input[name=jurisdictions]").clear();
        browser.find("input[name=jurisdictions]").sendKeys("DE");
        browser.shot("promote-form");
        browser.click(browser.button("Promote and lint"));
        assertThat(browser.find("#lint-summary").getText()).isEqualTo("2 norms promoted; lint: 0 errors, 0 warnings.");
        assertThat(browser.find("#layer").getText()).contains("tier: community").contains("statement: The assistant should say it is an AI.")
                .contains("topic: community.assistant").contains("- DE");
        browser.shot("promoted");
    }

    @Test
    @Order(9)
    void theDashboardShowsTheAuditChainAndTheApplicableNorms() {
        browser.open(app.root() + "/dashboard");
        assertThat(browser.find("#audit-status").getText()).startsWith("The chain of ").contains("verifies");
        assertThat(browser.find("#audit-status").getAttribute("class")).isEqualTo("ok");
        assertThat(browser.find("table.activity").getText()).contains("start · allow");
        browser.shot("dashboard");
        browser.open(app.root() + "/dashboard/norms");
        browser.find("input[name=jurisdiction]").sendKeys("DE");
        browser.click(browser.button("Resolve"));
        assertThat(browser.find("#applicable").getText()).matches("\\d+ norms apply");
        assertThat(browser.all("table.norms tbody tr")).isNotEmpty();
        browser.shot("applicable-norms");
    }

    @Test
    @Order(10)
    void theParticipantDeletesTheirData() {
        browser.phone(true);
        browser.open(participantPage + "/me");
        browser.click(browser.button("Delete my data"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Your data was deleted.");
        assertThat(app.deliberations.votes(d.id(), 41L)).isEmpty();
        assertThat(app.deliberations.statements(d.id())).hasSize(8);
        assertThat(browser.find(".progress").getText()).isEqualTo("You have voted on 0 of 8 statements.");
        browser.shot("data-deleted");
    }
}

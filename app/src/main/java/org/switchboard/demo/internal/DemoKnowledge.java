package org.switchboard.demo.internal;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.Users;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.ImportedArticle;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.SwitchboardDatabase;
import org.switchboard.platform.SwitchboardProperties;

/**
 * The demo company's knowledge base: a few help articles in English with French, Russian and Chinese
 * translations, loaded through the knowledge module's {@link Articles} facade after the demo users exist
 * (so the translations are written and published by the demo admin). Runs once: it looks for its first
 * article by external id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 110)
class DemoKnowledge implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoKnowledge.class);

    record Translation(String language, String title, String body) {}

    record DemoArticle(
            String externalId,
            Audience audience,
            String title,
            String body,
            List<String> tags,
            List<Translation> translations) {}

    static final List<DemoArticle> ARTICLES = List.of(
            new DemoArticle(
                    "demo-kb-printer-offline",
                    Audience.CUSTOMERS,
                    "Printer shows offline",
                    """
                    If your printer shows **offline**, the computer cannot reach it.

                    ## Check the connection

                    1. Make sure the printer is switched on and shows no error light.
                    2. Check that it is on the same Wi-Fi network as your computer.
                    3. Restart the printer and wait one minute.

                    ## Still offline?

                    Remove the printer from your computer's printer list and add it again.
                    """,
                    List.of("printer", "offline", "wifi"),
                    List.of(
                            new Translation("fr", "L'imprimante est hors ligne", """
                                    Si votre imprimante est **hors ligne**, l'ordinateur ne la joint pas.

                                    ## Vérifier la connexion

                                    1. Vérifiez que l'imprimante est allumée et n'affiche aucun voyant d'erreur.
                                    2. Vérifiez qu'elle est sur le même réseau Wi-Fi que votre ordinateur.
                                    3. Redémarrez l'imprimante et patientez une minute.

                                    ## Toujours hors ligne ?

                                    Supprimez l'imprimante de la liste puis ajoutez-la de nouveau.
                                    """),
                            new Translation("ru", "Принтер не в сети", """
                                    Если принтер показывает статус **не в сети**, компьютер не может к нему подключиться.

                                    ## Проверьте подключение

                                    1. Убедитесь, что принтер включён и не горит индикатор ошибки.
                                    2. Проверьте, что он в той же сети Wi-Fi, что и компьютер.
                                    3. Перезапустите принтер и подождите минуту.

                                    ## Всё ещё не в сети?

                                    Удалите принтер из списка принтеров и добавьте его снова.
                                    """),
                            new Translation("zh", "打印机显示脱机", """
                                    如果打印机显示**脱机**，说明电脑无法连接到打印机。

                                    ## 检查连接

                                    1. 确认打印机已开机且没有错误指示灯。
                                    2. 确认打印机与电脑连接在同一个 Wi-Fi 网络。
                                    3. 重启打印机并等待一分钟。

                                    ## 仍然脱机？

                                    从电脑的打印机列表中删除该打印机，然后重新添加。
                                    """))),
            new DemoArticle(
                    "demo-kb-reset-password",
                    Audience.CUSTOMERS,
                    "Reset your password",
                    """
                    Choose **Forgot password** on the sign-in page and enter your email address.
                    We send you a link that is valid for one hour.

                    If no email arrives, look in your spam folder, then contact us.
                    """,
                    List.of("account", "password"),
                    List.of(
                            new Translation("fr", "Réinitialiser votre mot de passe", """
                                    Choisissez **Mot de passe oublié** sur la page de connexion et saisissez votre adresse e-mail.
                                    Nous vous envoyons un lien valable une heure.

                                    Sans e-mail, regardez dans vos indésirables, puis contactez-nous.
                                    """),
                            new Translation("ru", "Как сбросить пароль", """
                                    Нажмите **Забыли пароль** на странице входа и введите адрес электронной почты.
                                    Мы пришлём ссылку, которая действует один час.

                                    Если письма нет, проверьте папку «Спам» и напишите нам.
                                    """),
                            new Translation("zh", "重置密码", """
                                    在登录页面点击**忘记密码**，然后输入您的电子邮件地址。
                                    我们会发送一个一小时内有效的链接。

                                    如果没有收到邮件，请检查垃圾邮件文件夹，然后联系我们。
                                    """))),
            new DemoArticle(
                    "demo-kb-refund-policy",
                    Audience.CUSTOMERS,
                    "Refunds and returns",
                    """
                    You can return any order within **30 days** of delivery.

                    | Item state | Refund |
                    |---|---|
                    | Unopened | full price |
                    | Opened, working | 90 % |
                    | Damaged in transport | full price and shipping |

                    Refunds reach your account within 5 business days after we receive the parcel.
                    """,
                    List.of("billing", "refund", "returns"),
                    List.of(new Translation("fr", "Remboursements et retours", """
                            Vous pouvez retourner toute commande dans les **30 jours** suivant la livraison.

                            Le remboursement arrive sous 5 jours ouvrés après réception du colis.
                            """))),
            new DemoArticle(
                    "demo-kb-billing-escalation",
                    Audience.AGENTS,
                    "Escalating a billing dispute",
                    """
                    Internal: when a customer disputes a charge over 500 EUR, do not promise a refund.

                    1. Tag the case `billing-dispute`.
                    2. Move it to the **Billing** queue with priority high.
                    3. Add an internal note with the invoice number.
                    """,
                    List.of("billing", "escalation"),
                    List.of()));

    private final SwitchboardProperties properties;
    private final SwitchboardDatabase database;
    private final Users users;
    private final Articles articles;

    DemoKnowledge(SwitchboardProperties properties, SwitchboardDatabase database, Users users, Articles articles) {
        this.properties = properties;
        this.database = database;
        this.users = users;
        this.articles = articles;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = properties.demoData() != null ? properties.demoData() : database.created();
        var admin = users.findByIdOrUsername("admin");
        if (!wanted
                || admin.isEmpty()
                || users.findByIdOrUsername("agent1").isEmpty()
                || articles.findByExternalId(ARTICLES.getFirst().externalId()).isPresent()) {
            return;
        }
        var user = admin.get();
        Actor editor = new Actor(user.id(), user.username(), user.displayName(), Role.ADMIN, Set.of());
        int count = 0;
        for (DemoArticle article : ARTICLES) {
            ArticleId id = articles.importArticle(
                            new ImportedArticle(
                                    article.externalId(),
                                    article.title(),
                                    article.body(),
                                    Language.of("en"),
                                    article.audience(),
                                    article.tags()),
                            editor)
                    .id();
            count++;
            for (Translation translation : article.translations()) {
                var draft = articles.create(
                        new ArticleDraft(
                                translation.title(),
                                translation.body(),
                                null,
                                Language.of(translation.language()),
                                article.audience(),
                                null,
                                article.tags(),
                                List.of(),
                                null,
                                null,
                                id,
                                article.externalId() + "-" + translation.language()),
                        editor);
                articles.changeStatus(draft.id(), ArticleStatus.PUBLISHED, draft.version(), editor);
                count++;
            }
        }
        log.info("Demo knowledge base loaded: {} articles in en, fr, ru and zh", count);
    }
}

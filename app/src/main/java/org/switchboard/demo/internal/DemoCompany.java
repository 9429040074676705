package org.switchboard.demo.internal;

import java.util.List;
import java.util.Map;

/**
 * What the demo company is made of: teams, people, queues, customers and the kinds of requests its
 * customers send, in English, French, Chinese and Russian. All names and addresses are invented.
 */
final class DemoCompany {

    private DemoCompany() {}

    static final String PASSWORD = "demo";
    static final String EMAIL_DOMAIN = "demo.switchboard.example";

    record Team(String key, String name, String description) {}

    record Agent(
            String username,
            String displayName,
            String team,
            Map<String, Integer> skills,
            List<String> languages,
            String locale,
            String timeZone) {}

    record Queue(
            String key, String name, String team, Map<String, Integer> skills, String language, int basePriority) {}

    record Customer(
            String name,
            String email,
            String phone,
            String organization,
            String tier,
            String language,
            String timeZone) {}

    /** One kind of request, with a subject and first message per language and the agent's answer. */
    record Scenario(String category, String queue, Map<String, String[]> byLanguage, String disposition) {}

    static final List<String> SKILLS =
            List.of("billing", "technical", "accounts", "shipping", "french", "chinese", "russian");

    static final List<Team> TEAMS = List.of(
            new Team("care", "Customer Care", "First line: orders, shipping and accounts"),
            new Team("tech", "Technical Support", "Devices, the app and integrations"),
            new Team("billing", "Billing & Accounts", "Invoices, refunds and subscriptions"));

    static final List<Agent> AGENTS = List.of(
            new Agent(
                    "agent1",
                    "Alice Martin",
                    "care",
                    Map.of("shipping", 4, "accounts", 3),
                    List.of("en", "fr"),
                    "en",
                    "Europe/London"),
            new Agent(
                    "agent2",
                    "Bruno Lefèvre",
                    "care",
                    Map.of("shipping", 3, "french", 5),
                    List.of("fr", "en"),
                    "fr",
                    "Europe/Paris"),
            new Agent(
                    "agent3",
                    "陈伟",
                    "tech",
                    Map.of("technical", 5, "chinese", 5),
                    List.of("zh", "en"),
                    "zh",
                    "Asia/Shanghai"),
            new Agent(
                    "agent4",
                    "李娜",
                    "care",
                    Map.of("shipping", 3, "chinese", 5, "accounts", 2),
                    List.of("zh", "en"),
                    "zh",
                    "Asia/Shanghai"),
            new Agent(
                    "agent5",
                    "Дмитрий Иванов",
                    "tech",
                    Map.of("technical", 4, "russian", 5),
                    List.of("ru", "en"),
                    "ru",
                    "Europe/Moscow"),
            new Agent(
                    "agent6",
                    "Ольга Петрова",
                    "billing",
                    Map.of("billing", 5, "russian", 5),
                    List.of("ru", "en"),
                    "ru",
                    "Europe/Moscow"),
            new Agent(
                    "agent7",
                    "Emma Wilson",
                    "tech",
                    Map.of("technical", 3, "accounts", 2),
                    List.of("en"),
                    "en",
                    "America/New_York"),
            new Agent(
                    "agent8",
                    "Sophie Dubois",
                    "billing",
                    Map.of("billing", 4, "french", 4),
                    List.of("fr", "en"),
                    "fr",
                    "Europe/Paris"));

    static final List<Queue> QUEUES = List.of(
            new Queue("general", "General Support", "care", Map.of(), "en", 10),
            new Queue("billing", "Billing", "billing", Map.of("billing", 2), null, 20),
            new Queue("technical", "Technical", "tech", Map.of("technical", 2), null, 20),
            new Queue("fr", "Support France", "care", Map.of("french", 3), "fr", 10),
            new Queue("zh", "中文支持", "tech", Map.of("chinese", 3), "zh", 10));

    static final List<String> ORGANIZATIONS = List.of(
            "Northwind Traders",
            "Blue Harbor Logistics",
            "Atelier Lumière",
            "Maison Verdier",
            "Tianfu Electronics",
            "Сибирские Системы",
            "Greenleaf Clinics",
            "Helios Retail");

    /** First names and last names per language; customers are combined from them deterministically. */
    static final Map<String, String[][]> NAMES = Map.of(
            "en",
                    new String[][] {
                        {"Olivia", "James", "Amelia", "Noah", "Grace", "Henry", "Chloe", "Daniel", "Ruby", "Samuel"},
                        {"Carter", "Hughes", "Patel", "Foster", "Bennett", "Murphy", "Reid", "Shaw", "Turner", "Walsh"}
                    },
            "fr",
                    new String[][] {
                        {"Camille", "Louis", "Manon", "Hugo", "Léa", "Théo", "Inès", "Jules"},
                        {"Moreau", "Girard", "Lambert", "Fontaine", "Rousseau", "Chevalier", "Garnier", "Faure"}
                    },
            "zh",
                    new String[][] {
                        {"伟", "芳", "静", "磊", "洋", "婷", "杰", "敏"},
                        {"王", "张", "刘", "杨", "黄", "赵", "周", "吴"}
                    },
            "ru",
                    new String[][] {
                        {"Анна", "Сергей", "Мария", "Алексей", "Елена", "Иван", "Наталья", "Павел"},
                        {"Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Морозов", "Волкова", "Лебедев"}
                    });

    static final Map<String, String> ZONES =
            Map.of("en", "Europe/London", "fr", "Europe/Paris", "zh", "Asia/Shanghai", "ru", "Europe/Moscow");

    static final List<Scenario> SCENARIOS = List.of(
            scenario(
                    "shipping",
                    "general",
                    "solved",
                    "Where is my order?",
                    "I ordered a kettle ten days ago and the tracking page has not changed since Monday. Can you check where it is?",
                    "Où est ma commande ?",
                    "J'ai commandé une bouilloire il y a dix jours et le suivi n'a pas bougé depuis lundi. Pouvez-vous vérifier ?",
                    "我的订单在哪里？",
                    "我十天前订了一个电水壶，物流信息从周一起就没有更新。能帮我查一下吗？",
                    "Где мой заказ?",
                    "Я заказал чайник десять дней назад, а статус доставки не меняется с понедельника. Проверьте, пожалуйста."),
            scenario(
                    "billing",
                    "billing",
                    "refunded",
                    "Charged twice for my subscription",
                    "My card statement shows two charges of 19.90 for this month's subscription. Please refund one of them.",
                    "Double prélèvement de mon abonnement",
                    "Mon relevé bancaire montre deux prélèvements de 19,90 pour l'abonnement de ce mois. Merci d'en rembourser un.",
                    "订阅被重复扣款",
                    "我的信用卡账单显示本月订阅被扣了两次19.90。请退还其中一笔。",
                    "Двойное списание за подписку",
                    "В выписке по карте два списания по 19,90 за подписку этого месяца. Верните, пожалуйста, одно."),
            scenario(
                    "technical",
                    "technical",
                    "solved",
                    "The app crashes when I open settings",
                    "Since the last update the app closes as soon as I tap Settings. I am on Android 14.",
                    "L'application plante dans les réglages",
                    "Depuis la dernière mise à jour, l'application se ferme dès que j'ouvre les Réglages. Je suis sous Android 14.",
                    "打开设置时应用闪退",
                    "上次更新后，我一点设置应用就会关闭。我的手机是安卓14。",
                    "Приложение падает при открытии настроек",
                    "После последнего обновления приложение закрывается, как только я открываю Настройки. У меня Android 14."),
            scenario(
                    "accounts",
                    "general",
                    "solved",
                    "Cannot reset my password",
                    "The password reset email never arrives. I checked the spam folder too.",
                    "Impossible de réinitialiser mon mot de passe",
                    "L'e-mail de réinitialisation n'arrive jamais. J'ai aussi vérifié les courriers indésirables.",
                    "无法重置密码",
                    "我一直收不到重置密码的邮件，垃圾邮件里也没有。",
                    "Не могу сбросить пароль",
                    "Письмо для сброса пароля так и не пришло. Папку «Спам» я тоже проверил."),
            scenario(
                    "billing",
                    "billing",
                    "solved",
                    "Invoice with the wrong company name",
                    "Our invoice for October shows our old company name. Could you issue a corrected invoice?",
                    "Facture avec une mauvaise raison sociale",
                    "Notre facture d'octobre porte notre ancienne raison sociale. Pouvez-vous émettre une facture corrigée ?",
                    "发票上的公司名称错误",
                    "我们十月份的发票上是公司的旧名称。能重新开一张正确的发票吗？",
                    "Неверное название компании в счёте",
                    "В счёте за октябрь указано старое название нашей компании. Можно выставить исправленный счёт?"),
            scenario(
                    "technical",
                    "technical",
                    "workaround",
                    "Device does not connect to Wi-Fi",
                    "The thermostat keeps saying 'network not found' although other devices work fine on the same network.",
                    "L'appareil ne se connecte pas au Wi-Fi",
                    "Le thermostat affiche « réseau introuvable » alors que les autres appareils fonctionnent sur le même réseau.",
                    "设备无法连接Wi-Fi",
                    "温控器一直显示“找不到网络”，但其他设备在同一网络下都正常。",
                    "Устройство не подключается к Wi-Fi",
                    "Термостат пишет «сеть не найдена», хотя другие устройства в этой сети работают."),
            scenario(
                    "shipping",
                    "general",
                    "solved",
                    "Parcel arrived damaged",
                    "The box was crushed and the glass lid of the pan is broken. I attach a photo.",
                    "Colis arrivé endommagé",
                    "Le carton était écrasé et le couvercle en verre de la poêle est cassé. Je joins une photo.",
                    "包裹到货时已损坏",
                    "箱子被压坏了，锅的玻璃盖碎了。附上照片。",
                    "Посылка пришла повреждённой",
                    "Коробка смята, стеклянная крышка сковороды разбита. Прикладываю фото."),
            scenario(
                    "accounts",
                    "general",
                    "solved",
                    "Please change my delivery address",
                    "I moved last week. Please update my address before the next delivery.",
                    "Merci de changer mon adresse de livraison",
                    "J'ai déménagé la semaine dernière. Merci de mettre à jour mon adresse avant la prochaine livraison.",
                    "请更改我的收货地址",
                    "我上周搬家了，请在下次发货前更新我的地址。",
                    "Измените, пожалуйста, адрес доставки",
                    "Я переехал на прошлой неделе. Обновите адрес до следующей доставки."),
            scenario(
                    "billing",
                    "billing",
                    "no_response",
                    "Question about the annual plan",
                    "If I switch to the annual plan now, is the rest of this month credited?",
                    "Question sur la formule annuelle",
                    "Si je passe à la formule annuelle maintenant, le reste du mois est-il crédité ?",
                    "关于年度套餐的问题",
                    "如果我现在改成年度套餐，本月剩余的费用会抵扣吗？",
                    "Вопрос о годовом тарифе",
                    "Если перейти на годовой тариф сейчас, остаток месяца будет зачтён?"),
            scenario(
                    "technical",
                    "technical",
                    "escalated",
                    "API returns 500 for bulk orders",
                    "Our integration gets HTTP 500 when we send more than 100 order lines in one request since yesterday 14:00.",
                    "L'API renvoie 500 pour les commandes groupées",
                    "Notre intégration reçoit une erreur HTTP 500 dès que nous envoyons plus de 100 lignes depuis hier 14 h.",
                    "批量订单接口返回500",
                    "从昨天14点起，我们一次发送超过100行订单时接口就返回HTTP 500。",
                    "API возвращает 500 для крупных заказов",
                    "С 14:00 вчера наша интеграция получает HTTP 500, если в запросе больше 100 строк."));

    private static Scenario scenario(
            String category,
            String queue,
            String disposition,
            String enSubject,
            String enBody,
            String frSubject,
            String frBody,
            String zhSubject,
            String zhBody,
            String ruSubject,
            String ruBody) {
        return new Scenario(
                category,
                queue,
                Map.of(
                        "en", new String[] {enSubject, enBody},
                        "fr", new String[] {frSubject, frBody},
                        "zh", new String[] {zhSubject, zhBody},
                        "ru", new String[] {ruSubject, ruBody}),
                disposition);
    }

    /** Agent answers and customer follow-ups per language. */
    static final Map<String, String[]> AGENT_REPLIES = Map.of(
            "en",
                    new String[] {
                        "Thank you for reaching out. I have looked into this and will get back to you shortly.",
                        "I have fixed this on our side. Could you check again and let me know?",
                        "Thanks for your patience. This is now sorted; you will see the change within a day."
                    },
            "fr",
                    new String[] {
                        "Merci de nous avoir contactés. Je regarde cela et je reviens vers vous rapidement.",
                        "J'ai corrigé le problème de notre côté. Pouvez-vous vérifier et me dire ?",
                        "Merci pour votre patience. C'est réglé ; vous verrez la modification sous 24 heures."
                    },
            "zh", new String[] {"感谢您的来信，我正在处理，稍后回复您。", "我们这边已经修复了，请您再试一下并告诉我结果。", "感谢您的耐心等待，问题已解决，一天内即可生效。"},
            "ru",
                    new String[] {
                        "Спасибо за обращение. Я разбираюсь и скоро вернусь с ответом.",
                        "Я исправил это с нашей стороны. Проверьте, пожалуйста, и напишите мне.",
                        "Спасибо за терпение. Всё решено, изменения вступят в силу в течение суток."
                    });

    static final Map<String, String> CUSTOMER_FOLLOW_UPS = Map.of(
            "en", "Thanks, it works now!",
            "fr", "Merci, ça fonctionne maintenant !",
            "zh", "谢谢，现在好了！",
            "ru", "Спасибо, теперь всё работает!");

    static final List<String> NOTES = List.of(
            "Checked the order history: second similar request this month.",
            "Carrier confirms a delay at the regional hub.",
            "Known issue, tracked by engineering.");
}

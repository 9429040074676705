package org.switchboard.demo.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueId;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.NewAccount;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserAdministration;
import org.switchboard.identity.UserId;
import org.switchboard.identity.Users;
import org.switchboard.platform.BackdatingClock;
import org.switchboard.platform.SwitchboardDatabase;
import org.switchboard.platform.SwitchboardProperties;
import org.switchboard.routing.QueueAdministration;

/**
 * Loads the demo company ({@link DemoCompany}) on the first start of a new embedded database, or when
 * {@code SWITCHBOARD_DEMO_DATA=true} and the demo users do not exist yet. Thirty days of cases are
 * generated with a fixed seed, each step recorded at its own time through {@link BackdatingClock}, so
 * timelines, first-response and resolution times look like a real month. Prints the demo logins on
 * every start while the demo users exist.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final int CUSTOMERS = 60;
    static final int CASES = 300;
    static final Duration HISTORY = Duration.ofDays(30);

    private final SwitchboardProperties properties;
    private final SwitchboardDatabase database;
    private final Users users;
    private final UserAdministration administration;
    private final Customers customers;
    private final QueueAdministration queues;
    private final Cases cases;
    private final Clock clock;

    DemoDataLoader(
            SwitchboardProperties properties,
            SwitchboardDatabase database,
            Users users,
            UserAdministration administration,
            Customers customers,
            QueueAdministration queues,
            Cases cases,
            Clock clock) {
        this.properties = properties;
        this.database = database;
        this.users = users;
        this.administration = administration;
        this.customers = customers;
        this.queues = queues;
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = properties.demoData() != null ? properties.demoData() : database.created();
        boolean present = users.findByIdOrUsername("agent1").isPresent();
        if (wanted && !present) {
            long started = System.nanoTime();
            var summary = load(clock.instant(), new Random(20261124));
            log.info(
                    "Demo data loaded in {} ms: {} agents, {} teams, {} queues, {} customers, {} cases",
                    (System.nanoTime() - started) / 1_000_000,
                    DemoCompany.AGENTS.size(),
                    DemoCompany.TEAMS.size(),
                    DemoCompany.QUEUES.size(),
                    summary.customers(),
                    summary.cases());
            present = true;
        }
        if (present) {
            log.info(
                    "Demo logins (password '{}'): admin, supervisor, agent1 … agent{}",
                    DemoCompany.PASSWORD,
                    DemoCompany.AGENTS.size());
        }
    }

    record Summary(int customers, int cases) {}

    /** Creates the whole company as of {@code now}; deterministic for a given random seed. */
    Summary load(Instant now, Random random) {
        DemoCompany.SKILLS.forEach(skill -> administration.ensureSkill(skill, null));
        Map<String, TeamId> teams = new HashMap<>();
        for (var team : DemoCompany.TEAMS) {
            teams.put(
                    team.key(),
                    administration
                            .findTeam(team.name())
                            .orElseGet(() -> administration.createTeam(team.name(), team.description(), null)));
        }
        if (users.findByIdOrUsername("admin").isEmpty()) {
            administration.createUser(
                    account("admin", "Ada Admin", Role.ADMIN, Map.of(), List.of("en"), "en", "UTC"), null);
        }
        UserId supervisorId = administration.createUser(
                account(
                        "supervisor",
                        "Sam Okafor",
                        Role.SUPERVISOR,
                        Map.of(),
                        List.of("en", "fr"),
                        "en",
                        "Europe/London"),
                null);
        teams.values().forEach(team -> administration.addMember(team, supervisorId, null));
        Actor supervisor =
                new Actor(supervisorId, "supervisor", "Sam Okafor", Role.SUPERVISOR, Set.copyOf(teams.values()));

        Map<String, List<Actor>> agentsByTeam = new HashMap<>();
        for (var agent : DemoCompany.AGENTS) {
            UserId id = administration.createUser(
                    account(
                            agent.username(),
                            agent.displayName(),
                            Role.AGENT,
                            agent.skills(),
                            agent.languages(),
                            agent.locale(),
                            agent.timeZone()),
                    null);
            TeamId team = teams.get(agent.team());
            administration.addMember(team, id, null);
            agentsByTeam
                    .computeIfAbsent(agent.team(), key -> new ArrayList<>())
                    .add(new Actor(id, agent.username(), agent.displayName(), Role.AGENT, Set.of(team)));
        }

        Map<String, QueueId> queueIds = new HashMap<>();
        Map<String, String> queueTeams = new HashMap<>();
        for (var queue : DemoCompany.QUEUES) {
            queueIds.put(
                    queue.key(),
                    queues.ensureQueue(new QueueAdministration.NewQueue(
                            queue.name(),
                            teams.get(queue.team()),
                            queue.skills(),
                            queue.language(),
                            queue.basePriority())));
            queueTeams.put(queue.key(), queue.team());
        }

        List<DemoCustomer> people = createCustomers(random);
        int created = 0;
        for (int i = 0; i < CASES; i++) {
            if (createCase(now, random, people, queueIds, queueTeams, agentsByTeam, supervisor)) {
                created++;
            }
        }
        return new Summary(people.size(), created);
    }

    private static NewAccount account(
            String username,
            String displayName,
            Role role,
            Map<String, Integer> skills,
            List<String> languages,
            String locale,
            String timeZone) {
        return new NewAccount(
                username,
                displayName,
                username + "@" + DemoCompany.EMAIL_DOMAIN,
                role,
                DemoCompany.PASSWORD,
                skills,
                languages,
                null,
                locale,
                timeZone);
    }

    record DemoCustomer(CustomerId id, String language, String tier) {}

    private List<DemoCustomer> createCustomers(Random random) {
        List<DemoCustomer> people = new ArrayList<>();
        Set<String> usedEmails = new LinkedHashSet<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double pick = random.nextDouble();
            String language = pick < 0.4 ? "en" : pick < 0.65 ? "fr" : pick < 0.85 ? "zh" : "ru";
            String[][] names = DemoCompany.NAMES.get(language);
            String first = names[0][random.nextInt(names[0].length)];
            String last = names[1][random.nextInt(names[1].length)];
            String name = language.equals("zh") ? last + first : first + " " + last;
            String domain = switch (language) {
                case "fr" -> "exemple.fr";
                case "zh" -> "example.cn";
                case "ru" -> "example.ru";
                default -> "example.com";
            };
            String local =
                    language.equals("en") || language.equals("fr") ? ascii(first + "." + last) : "customer" + (i + 1);
            String email = local + "@" + domain;
            for (int n = 2; !usedEmails.add(email); n++) {
                email = local + n + "@" + domain;
            }
            double tierPick = random.nextDouble();
            String tier = tierPick < 0.1 ? "platinum" : tierPick < 0.3 ? "gold" : "standard";
            String organization = random.nextDouble() < 0.5
                    ? DemoCompany.ORGANIZATIONS.get(random.nextInt(DemoCompany.ORGANIZATIONS.size()))
                    : null;
            List<ChannelIdentity> identities = new ArrayList<>();
            identities.add(ChannelIdentity.email(email));
            if (random.nextDouble() < 0.4) {
                identities.add(ChannelIdentity.phone(phone(language, i)));
            }
            List<String> tags = tier.equals("standard") ? List.of() : List.of("vip");
            var profile = customers.create(
                    new CustomerDetails(
                            name, organization, null, language, DemoCompany.ZONES.get(language), tier, tags, null),
                    identities);
            people.add(new DemoCustomer(profile.id(), language, tier));
        }
        return people;
    }

    private boolean createCase(
            Instant now,
            Random random,
            List<DemoCustomer> people,
            Map<String, QueueId> queueIds,
            Map<String, String> queueTeams,
            Map<String, List<Actor>> agentsByTeam,
            Actor supervisor) {
        DemoCustomer customer = people.get(random.nextInt(people.size()));
        var scenario = DemoCompany.SCENARIOS.get(random.nextInt(DemoCompany.SCENARIOS.size()));
        String language = customer.language();
        String queueKey = scenario.queue();
        if ((language.equals("fr") || language.equals("zh")) && random.nextDouble() < 0.6) {
            queueKey = language;
        }
        String[] text = scenario.byLanguage().get(language);
        Channel channel = channel(random);
        Priority priority = priority(random, customer.tier());
        // Squaring skews towards recent days: about a tenth of the cases arrived in the last eight hours.
        Instant opened = now.minus(Duration.ofSeconds((long) (HISTORY.toSeconds() * Math.pow(random.nextDouble(), 2))));
        List<Actor> team = agentsByTeam.get(queueTeams.get(queueKey));
        Actor agent = team.get(random.nextInt(team.size()));

        QueueId queue = queueIds.get(queueKey);
        CaseView view = at(
                opened,
                () -> cases.open(
                        new OpenCase(
                                text[0],
                                customer.id(),
                                queue,
                                priority,
                                channel,
                                MessageDraft.text(text[1]),
                                Set.of(scenario.category()),
                                scenario.category()),
                        null));
        CaseId id = view.id();
        boolean live = channel == Channel.CHAT || channel == Channel.VOICE;
        Instant t = opened.plus(minutes(random, live ? 1 : 10, live ? 3 : 240));
        if (t.isAfter(now) || (!live && Duration.between(opened, now).toHours() < 24 && random.nextDouble() < 0.5)) {
            return true; // still waiting in its queue
        }
        at(t, () -> cases.change(id, CaseChange.assign(agent.id()), null, supervisor));
        if (random.nextDouble() < 0.2) {
            Instant noteAt = t.plus(minutes(random, 1, 20));
            if (noteAt.isBefore(now)) {
                String note = DemoCompany.NOTES.get(random.nextInt(DemoCompany.NOTES.size()));
                at(noteAt, () -> cases.note(id, MessageDraft.text(note), agent));
            }
        }
        String[] replies = DemoCompany.AGENT_REPLIES.get(language);
        t = t.plus(minutes(random, live ? 1 : 5, live ? 4 : 180));
        if (t.isAfter(now)) {
            return true;
        }
        at(t, () -> cases.reply(id, MessageDraft.text(replies[random.nextInt(2)]), agent));
        if (live) {
            Instant ended = t.plus(minutes(random, 2, 15));
            if (ended.isBefore(now)) {
                cases.interactions(id, null).stream()
                        .filter(interaction -> interaction.endedAt() == null)
                        .forEach(interaction -> at(ended, () -> cases.endInteraction(interaction.id(), agent)));
            }
            t = ended;
        }
        double outcome = random.nextDouble();
        if (outcome < 0.15) {
            Instant pendingAt = t.plus(minutes(random, 1, 10));
            if (pendingAt.isBefore(now)) {
                at(
                        pendingAt,
                        () -> cases.change(
                                id,
                                new CaseChange(
                                        CaseStatus.PENDING,
                                        PendingReason.WAITING_ON_CUSTOMER,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null),
                                null,
                                agent));
            }
            return true;
        }
        if (outcome < 0.45) {
            Instant followUp = t.plus(Duration.ofMinutes(60 + random.nextInt(30 * 60)));
            if (followUp.isAfter(now)) {
                return true;
            }
            at(
                    followUp,
                    () -> cases.receiveCustomerMessage(
                            id, channel, MessageDraft.text(DemoCompany.CUSTOMER_FOLLOW_UPS.get(language))));
            t = followUp.plus(minutes(random, 10, 300));
            if (t.isAfter(now)) {
                return true;
            }
            at(t, () -> cases.reply(id, MessageDraft.text(replies[2]), agent));
        }
        if (outcome > 0.9) {
            return true; // open, still being worked
        }
        Instant resolved = t.plus(minutes(random, 5, 24 * 60));
        if (resolved.isAfter(now)) {
            return true;
        }
        at(
                resolved,
                () -> cases.change(
                        id,
                        new CaseChange(CaseStatus.RESOLVED, null, null, null, null, null, null, scenario.disposition()),
                        null,
                        agent));
        Instant closed = resolved.plus(Duration.ofDays(3));
        if (closed.isBefore(now)) {
            at(closed, () -> cases.change(id, CaseChange.status(CaseStatus.CLOSED), null, supervisor));
        }
        return true;
    }

    private static <T> T at(Instant instant, Supplier<T> work) {
        return BackdatingClock.at(instant, work);
    }

    private static Duration minutes(Random random, int min, int max) {
        return Duration.ofSeconds(60L * min + random.nextInt(Math.max(1, (max - min) * 60)));
    }

    private static Channel channel(Random random) {
        double pick = random.nextDouble();
        if (pick < 0.45) return Channel.EMAIL;
        if (pick < 0.70) return Channel.CHAT;
        if (pick < 0.80) return Channel.VOICE;
        if (pick < 0.92) return Channel.PORTAL;
        if (pick < 0.97) return Channel.API;
        return Channel.SOCIAL;
    }

    private static Priority priority(Random random, String tier) {
        double pick = random.nextDouble();
        Priority priority = pick < 0.15
                ? Priority.LOW
                : pick < 0.7 ? Priority.NORMAL : pick < 0.92 ? Priority.HIGH : Priority.URGENT;
        if (tier.equals("platinum") && priority.ordinal() < Priority.URGENT.ordinal()) {
            return Priority.values()[priority.ordinal() + 1];
        }
        return priority;
    }

    private static String phone(String language, int index) {
        String prefix = switch (language) {
            case "fr" -> "+3361234";
            case "zh" -> "+86138001";
            case "ru" -> "+7916123";
            default -> "+4479112";
        };
        return prefix + String.format(Locale.ROOT, "%04d", 1000 + index);
    }

    private static String ascii(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z.]", "");
    }
}

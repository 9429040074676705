package org.switchboard.identity.internal;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.NewAccount;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserAdministration;
import org.switchboard.identity.UserId;
import org.switchboard.identity.Users;

/** {@link UserAdministration} over the services the API uses. */
@Service
class UserAdministrationService implements UserAdministration {

    private final UserAccounts accounts;
    private final TeamDirectory teams;
    private final SkillCatalog skills;
    private final Users users;
    private final org.switchboard.platform.SwitchboardProperties properties;

    UserAdministrationService(
            UserAccounts accounts,
            TeamDirectory teams,
            SkillCatalog skills,
            Users users,
            org.switchboard.platform.SwitchboardProperties properties) {
        this.accounts = accounts;
        this.teams = teams;
        this.skills = skills;
        this.users = users;
        this.properties = properties;
    }

    @Override
    public UserId createUser(NewAccount account, Actor by) {
        var input = new UserInput.NewUser(
                account.username(),
                account.email(),
                account.displayName(),
                account.role() == null ? null : ProfileRules.wire(account.role()),
                account.password(),
                account.locale(),
                account.timeZone(),
                account.skills() == null
                        ? null
                        : account.skills().entrySet().stream()
                                .map(e -> new UserInput.Skill(e.getKey(), e.getValue()))
                                .toList(),
                account.languages(),
                account.capacity(),
                null);
        String base = properties.publicUrl() == null || properties.publicUrl().isBlank()
                ? "http://localhost"
                : properties.publicUrl();
        return accounts.create(input, by, base, false).user().id();
    }

    @Override
    public TeamId createTeam(String name, String description, Actor by) {
        return teams.create(name, description, by).id();
    }

    @Override
    public Optional<TeamId> findTeam(String idOrName) {
        return teams.find(idOrName).map(TeamView::id);
    }

    @Override
    public void addMember(TeamId team, UserId user, Actor by) {
        teams.addMember(team.toString(), user.toString(), by);
    }

    @Override
    @Transactional
    public String ensureSkill(String name, Actor by) {
        String checked = ProfileRules.skillName(name, "name");
        if (!users.skillExists(checked)) {
            skills.create(checked, null, by);
        }
        return checked;
    }
}

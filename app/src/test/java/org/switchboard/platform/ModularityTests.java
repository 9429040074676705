package org.switchboard.platform;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.switchboard.SwitchboardApplication;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void modulesHaveNoCyclesAndNoReachIntoInternals() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}

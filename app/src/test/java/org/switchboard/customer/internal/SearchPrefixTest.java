package org.switchboard.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchPrefixTest {

    @Test
    void searchTextIsALowerCasePrefixWithLikeWildcardsEscaped() {
        assertThat(CustomerRepository.likePrefix("Ada")).isEqualTo("ada%");
        assertThat(CustomerRepository.likePrefix("100%_off\\")).isEqualTo("100\\%\\_off\\\\%");
    }
}

package io.calicoj.kube.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlainHttpContextTest {

    @Test
    void aPlainHttpClientsContextRefusesEveryTlsUseSayingWhy() {
        PlainHttpContext context = new PlainHttpContext();

        assertThatThrownBy(context::createSSLEngine).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("plain-HTTP (http://) server and cannot speak TLS");
        assertThatThrownBy(() -> context.createSSLEngine("api.example", 443))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(context::getSocketFactory).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(context::getClientSessionContext).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.init(null, null, null)).isInstanceOf(UnsupportedOperationException.class);
    }
}

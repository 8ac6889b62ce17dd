package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CniArgsTest {

    @Test
    void kubeletsArgumentsNameThePod() throws CniException {
        CniArgs a = CniArgs.parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=kube-system;K8S_POD_NAME=dns-1;K8S_POD_INFRA_CONTAINER_ID=abc");

        assertThat(a.pod()).contains(new PodRef("kube-system", "dns-1"));
        assertThat(a.get("K8S_POD_INFRA_CONTAINER_ID")).contains("abc");
    }

    @Test
    void withoutBothNamesThereIsNoPod() throws CniException {
        assertThat(CniArgs.parse("K8S_POD_NAME=x").pod()).isEmpty();
        assertThat(CniArgs.parse("K8S_POD_NAMESPACE=a;K8S_POD_NAME=").pod()).isEmpty();
        assertThat(CniArgs.parse("").pod()).isEmpty();
    }

    @Test
    void valuesMayContainEqualsSignsAndEmptyPairsAreSkipped() throws CniException {
        assertThat(CniArgs.parse(";A=b=c;;").get("A")).contains("b=c");
    }

    @Test
    void aPairWithoutKeyIsAnInvalidEnvironment() {
        assertThatThrownBy(() -> CniArgs.parse("A=1;oops"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(4);
                    assertThat(e.msg()).isEqualTo("CNI_ARGS: invalid pair \"oops\": expected KEY=VALUE");
                });
    }
}

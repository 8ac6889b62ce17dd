package io.calicoj.calc;

import io.calicoj.model.HostEndpoint;
import io.calicoj.model.Resource;
import io.calicoj.model.WorkloadEndpoint;
import io.calicoj.model.felix.FelixPolicy;
import io.calicoj.model.felix.FelixProfile;
import io.calicoj.model.felix.FelixProjection;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.Profile;
import java.util.List;

/** Resources as the stages under test receive them, decoded by the real decoders. */
final class Decoded {

    private Decoded() {
    }

    static EndpointData endpoint(Resource endpoint) {
        RecordingEndpointListener recorder = new RecordingEndpointListener();
        EndpointDecoder decoder = new EndpointDecoder(List.of(recorder));
        if (endpoint instanceof WorkloadEndpoint wep) {
            decoder.onWorkloadEndpoint(wep);
        } else {
            decoder.onHostEndpoint((HostEndpoint) endpoint);
        }
        return recorder.endpoints.get(endpoint.key());
    }

    static FelixPolicy policy(NetworkPolicy policy) {
        return FelixProjection.project(policy);
    }

    static FelixPolicy policy(GlobalNetworkPolicy policy) {
        return FelixProjection.project(policy);
    }

    static FelixProfile profile(Profile profile) {
        return FelixProjection.project(profile);
    }
}

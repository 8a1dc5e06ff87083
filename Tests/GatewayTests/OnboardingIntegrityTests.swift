import Bus
import Foundation
@testable import GatewayCore
import Runtime
import Schema
import SongdalTesting
import Synchronization
import Testing

/// Issue 20, item 2: institution keys only for onboarded institutions; onboarding again never
/// silently changes the plan or `joinedOn`; `joinedOn` is never in the future.
@Suite struct OnboardingIntegrityTests {
    final class Recorded: Sendable {
        let list = Mutex<[UpsertSubscription]>([])
    }

    /// A billing peer that records the subscriptions it is asked to store.
    static func billing(_ stored: Recorded) -> ClusterMember {
        ClusterMember(service: "billing", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            env.endpoint.answer(UpsertSubscription.self) { request, _ in
                stored.list.withLock { $0.append(request) }
                return SubscriptionStored(subscription: request)
            }
            return []
        }
    }

    @Test func noInstitutionKeyForAnInstitutionNeverOnboarded() async throws {
        let stored = Recorded()
        let harness = try await GatewayHarness(services: [])
        try await harness.cluster.start(Self.billing(stored))
        try await harness.withClient { client in
            let refused = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                                body: #"{"scope":"institution","institution":"inst-never"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problemCode == "institution_not_onboarded")
            #expect(try refused.json()["field"] as? String == "institution")
            let sandbox = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                                body: #"{"scope":"institution","institution":"inst-never","sandbox":true}"#)
            #expect(sandbox.problemCode == "institution_not_onboarded")

            let onboarded = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                                  body: #"{"institution":"inst-new","createKey":false}"#)
            #expect(onboarded.status == .created)
            let created = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                                body: #"{"scope":"institution","institution":"inst-new"}"#)
            #expect(created.status == .created)
            // Registered without onboarding (as `songdal up` seeds demo-bank): keys are allowed.
            try harness.handle.registerInstitution("demo-bank")
            let seeded = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                               body: #"{"scope":"institution","institution":"demo-bank"}"#)
            #expect(seeded.status == .created)
        }
        await harness.shutdown()
    }

    @Test func onboardingAgainNeverChangesPlanOrJoinedOn() async throws {
        let stored = Recorded()
        let harness = try await GatewayHarness(services: [])
        try await harness.cluster.start(Self.billing(stored))
        let today = KST.localDate(of: harness.cluster.clock.now)
        let tomorrow = KST.localDate(of: harness.cluster.clock.now.addingTimeInterval(86_400))
        try await harness.withClient { client in
            let first = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                              body: #"{"institution":"inst-p","plan":"basic","joinedOn":"2026-01-05","createKey":false}"#)
            #expect(first.status == .created)
            // The same again (or with the fields left out) answers the recorded values.
            let same = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                             body: #"{"institution":"inst-p","createKey":false}"#)
            #expect(same.status == .created)
            #expect(try same.json()["joinedOn"] as? String == "2026-01-05")
            #expect(try same.json()["plan"] as? String == "basic")

            let otherPlan = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                                  body: #"{"institution":"inst-p","plan":"premium","createKey":false}"#)
            #expect(otherPlan.status == .conflict)
            #expect(otherPlan.problemCode == "onboarding_conflict")
            #expect(try otherPlan.json()["field"] as? String == "plan")
            let moved = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                              body: #"{"institution":"inst-p","joinedOn":"2026-02-01","createKey":false}"#)
            #expect(moved.status == .conflict)
            #expect(try moved.json()["field"] as? String == "joinedOn")

            let future = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                               body: #"{"institution":"inst-f","joinedOn":"\#(tomorrow)","createKey":false}"#)
            #expect(future.status == .unprocessableContent)
            #expect(future.problemCode == "date_in_future")
            #expect(try future.json()["field"] as? String == "joinedOn")
            let todayOK = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                                body: #"{"institution":"inst-t","joinedOn":"\#(today)","createKey":false}"#)
            #expect(todayOK.status == .created)
        }
        // Billing was asked once per institution, with the first values only.
        let asked = stored.list.withLock { $0 }
        #expect(asked.map(\.institution) == ["inst-p", "inst-t"])
        #expect(asked.first?.joinedOn == "2026-01-05")
        #expect(asked.first?.plan == .basic)
        await harness.shutdown()
    }
}

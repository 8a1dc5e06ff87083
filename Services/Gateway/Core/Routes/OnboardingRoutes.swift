import Foundation
import Hummingbird
import Runtime
import Schema

/// Operators onboard an institution: its billing subscription (billing refuses usage for an
/// institution it does not know) and, on request, its first API key — one call instead of two
/// services to visit by hand.
struct OnboardingRoutes {
    let dependencies: GatewayDependencies

    struct Body: Decodable {
        var institution: String
        var name: String?
        var plan: VaultPlan?
        /// First day of the plan (KST, YYYY-MM-DD); default today.
        var joinedOn: String?
        /// Also create an institution API key (default true).
        var createKey: Bool?
        /// Also create a sandbox key (X-8; default false).
        var createSandboxKey: Bool?
    }

    struct Onboarded: Encodable {
        var institution: String
        var plan: VaultPlan
        var joinedOn: String
        /// Shown once; only its hash is kept. Absent when `createKey` was false.
        var apiKey: String?
        /// The sandbox key (`sdk_test_…`), when `createSandboxKey` was true; shown once.
        var sandboxKey: String?
    }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/institutions", .operator) { request, _ in
            let body = try await RequestBodies.json(Body.self, from: request, limit: dependencies.configuration.maxJSONBytes)
            let id = body.institution.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, id.count <= 128, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw Problem.invalid("invalid_field", "institution: 1–128 letters, digits, '-', '_' or '.'", field: "institution")
            }
            let joinedOn = body.joinedOn ?? KST.localDate(of: dependencies.clock.now).description
            guard LocalDate(joinedOn) != nil else {
                throw Problem.invalid("invalid_field", "joinedOn must be a date YYYY-MM-DD", field: "joinedOn")
            }
            let plan = body.plan ?? .basic
            _ = try await dependencies.ask(UpsertSubscription(institution: id, plan: plan, joinedOn: joinedOn))
            let key = body.createKey ?? true
                ? try dependencies.keys.create(institution: id, scope: .institution, label: body.name ?? "onboarding",
                                               now: dependencies.clock.now)
                : nil
            let sandboxKey = body.createSandboxKey ?? false
                ? try dependencies.keys.create(institution: id, scope: .institution, label: (body.name ?? "onboarding") + " (sandbox)",
                                               now: dependencies.clock.now, sandbox: true)
                : nil
            return try Responses.json(Onboarded(institution: id, plan: plan, joinedOn: joinedOn, apiKey: key, sandboxKey: sandboxKey),
                                      status: .created)
        }
    }
}

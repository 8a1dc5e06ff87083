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
                throw Problem.invalid(.invalidField, "institution: 1–128 letters, digits, '-', '_' or '.'", field: "institution")
            }
            let today = KST.localDate(of: dependencies.clock.now)
            var asked: LocalDate?
            if let text = body.joinedOn {
                guard let date = LocalDate(text) else {
                    throw Problem.invalid(.invalidField, "joinedOn must be a date YYYY-MM-DD", field: "joinedOn")
                }
                guard date <= today else {
                    throw ErrorReply(code: .dateInFuture, message: "joinedOn is after today (\(today), KST)", field: "joinedOn")
                }
                asked = date
            }
            let plan: VaultPlan
            let joinedOn: String
            let known = try dependencies.keys.institution(id)
            if let known, let storedPlan = known.plan, let storedJoined = known.joinedOn {
                // Already onboarded: the same call again is fine, a different plan or first day is not
                // (a plan change is an explicit operation of its own; joinedOn never moves).
                if let wanted = body.plan, wanted.rawValue != storedPlan {
                    throw ErrorReply(code: .onboardingConflict, message: "the institution is onboarded with plan \(storedPlan); a plan change is not done by onboarding again",
                                     field: "plan")
                }
                if let asked, asked != LocalDate(storedJoined) {
                    throw ErrorReply(code: .onboardingConflict, message: "the institution joined on \(storedJoined); joinedOn cannot move",
                                     field: "joinedOn")
                }
                guard let stored = VaultPlan(rawValue: storedPlan) else {
                    throw ErrorReply(code: .onboardingConflict, message: "the stored plan is unknown", field: "plan")
                }
                plan = stored
                joinedOn = storedJoined
            } else {
                plan = body.plan ?? .basic
                joinedOn = (asked ?? today).description
                _ = try await dependencies.ask(UpsertSubscription(institution: id, plan: plan, joinedOn: joinedOn))
                try dependencies.keys.recordOnboarding(id, plan: plan.rawValue, joinedOn: joinedOn, now: dependencies.clock.now)
            }
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

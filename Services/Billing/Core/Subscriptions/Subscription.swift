import Foundation
import Runtime
import Schema

/// An institution's validated contract (BI-1, BI-2).
public struct Subscription: Sendable, Hashable {
    public var institution: String
    public var plan: VaultPlan
    public var joinedOn: LocalDate
    public var endsOn: LocalDate?
    public var extraIDs: Int
    public var discountPercent: Int
    public var fixedNoticeTier: Int?

    public init(institution: String, plan: VaultPlan, joinedOn: LocalDate, endsOn: LocalDate? = nil, extraIDs: Int = 0,
                discountPercent: Int = 0, fixedNoticeTier: Int? = nil) {
        self.institution = institution
        self.plan = plan
        self.joinedOn = joinedOn
        self.endsOn = endsOn
        self.extraIDs = extraIDs
        self.discountPercent = discountPercent
        self.fixedNoticeTier = fixedNoticeTier
    }

    /// Validates a bus command; `tierCount` is the number of notice tiers in the price book.
    public init(_ command: UpsertSubscription, tierCount: Int) throws(BillingError) {
        let name = command.institution.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else {
            throw .invalidSubscription("institution must be 1...200 characters", field: "institution")
        }
        guard let joined = LocalDate(command.joinedOn) else { throw .malformedDate(command.joinedOn, field: "joinedOn") }
        var ends: LocalDate?
        if let text = command.endsOn {
            guard let date = LocalDate(text) else { throw .malformedDate(text, field: "endsOn") }
            guard date >= joined else { throw .invalidSubscription("endsOn is before joinedOn", field: "endsOn") }
            ends = date
        }
        guard command.extraIDs >= 0 else { throw .invalidSubscription("extraIDs must not be negative", field: "extraIDs") }
        guard (0...50).contains(command.discountPercent) else {
            throw .invalidSubscription("discountPercent must be 0...50", field: "discountPercent")
        }
        if let tier = command.fixedNoticeTier, !(1...max(1, tierCount)).contains(tier) {
            throw .invalidSubscription("fixedNoticeTier must be 1...\(tierCount)", field: "fixedNoticeTier")
        }
        self.init(institution: name, plan: command.plan, joinedOn: joined, endsOn: ends, extraIDs: command.extraIDs,
                  discountPercent: command.discountPercent, fixedNoticeTier: command.fixedNoticeTier)
    }

    /// Days of `month` the plan is active, 0 when none.
    public func activeDays(in month: BillingMonth) -> Int {
        let start = max(joinedOn, month.firstDay)
        let end = min(endsOn ?? month.lastDay, month.lastDay)
        return start <= end ? start.days(until: end) + 1 : 0
    }

    /// The command form (replies, tests).
    public var command: UpsertSubscription {
        UpsertSubscription(institution: institution, plan: plan, joinedOn: joinedOn.description, endsOn: endsOn?.description,
                           extraIDs: extraIDs, discountPercent: discountPercent, fixedNoticeTier: fixedNoticeTier)
    }
}

import Bus
import Schema

/// `notifier.carrierInbox` and `notifier.providerHealth` (NO-3, NO-10).
enum ProviderHandlers {
    static func register(_ context: NotifierContext) {
        context.endpoint.answer(CarrierInboxQuery.self) { query, _ in
            guard let phone = PhoneNumber.normalize(query.phone) else {
                throw ErrorCode.invalidPhone.reply("not a Korean mobile number", field: "phone")
            }
            return CarrierInbox(messages: context.network.inbox(phone, limit: min(max(query.limit ?? 20, 1), 1_000)))
        }
        context.endpoint.answer(ProviderHealthQuery.self) { _, _ in context.pool.report() }
    }
}

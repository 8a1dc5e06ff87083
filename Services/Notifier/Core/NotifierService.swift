import Bus
import Foundation
import GRDB
import Schema
import ServiceLifecycle
import SongdalCrypto
import Runtime
import Store

/// The notifier (SPEC §3, 공인알림문자 / 전자고지) as a bus service. Settings: `NotifierSettings`.
public enum NotifierService: ServiceDefinition {
    public static let name = "notifier"
    public static let migrations: [Migration] = NotifierMigrations.all
    public static let registry = MessageRegistry(
        NotifierContract.messageTypes + IdentityContract.messageTypes + [
            RecordUsage.messageType, VaultEvidence.messageType, VaultEvidenceBatch.messageType,
            GrantAccess.messageType, AccessGranted.messageType, DocumentMetadataQuery.messageType, DocumentMetadata.messageType,
        ])

    public static func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let context = try await makeContext(environment)
        NoticeHandlers.register(context)
        RecipientHandlers.register(context)
        CampaignHandlers.register(context)
        ProviderHandlers.register(context)
        SMSHandlers.register(context)
        return [
            NoticePipeline(context: context),
            SMSLane(context: context, lane: SMSBook.otpLane),
            SMSLane(context: context, lane: SMSBook.normalLane),
            CampaignReader(context: context),
        ]
    }

    static func makeContext(_ environment: ServiceEnvironment) async throws -> NotifierContext {
        let settings = try NotifierSettings { environment.setting($0) }
        let year = KSTYear.of(environment.clock.now)
        try environment.calendar.requireYears(year...year)
        try FileManager.default.createDirectory(at: environment.directory, withIntermediateDirectories: true)
        let linkKey = try SecretFile.loadOrCreate(environment.directory.appendingPathComponent("link.key"))
        let otpKey = try SecretFile.loadOrCreate(environment.directory.appendingPathComponent("otp.key"))
        let tag = try await environment.store.pool.write { db -> String in
            if let tag = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tag'") { return tag }
            let tag = "n" + Hex.encode(try SecureRandom.bytes(3))
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('tag', ?)", arguments: [tag])
            return tag
        }
        let network = SimulatedNetwork.named(settings.networkName, recordLimit: settings.recordLimit)
        if settings.simulatedJournal {
            network.attach(try SimulatedCarrierJournal(url: environment.directory.appendingPathComponent("simulated-carriers.sqlite")))
        }
        var simulated: [any ChannelProvider] = []
        for carrier in Carrier.allCases {
            let name = "sim-\(carrier.rawValue.lowercased())"
            simulated.append(SimulatedCarrier(name: name, channels: [.sms, .lms, .mms, .rcs], carrier: carrier, network: network))
        }
        simulated.append(SimulatedCarrier(name: "sim-kakao", channels: [.kakao], carrier: nil, network: network))
        for (name, behaviour) in settings.simulated where behaviour.latencyMilliseconds > 0 || behaviour.failureRate > 0
            || !behaviour.outages.isEmpty || !behaviour.rejectChannels.isEmpty {
            network.configure(name) { $0 = behaviour }
        }
        // Live notices use the simulated carriers only when `providers` says so; sandbox notices always.
        var providers: [any ChannelProvider] = settings.providers != "http" ? simulated : []
        if settings.providers != "simulated", let url = settings.httpURL {
            providers.append(HTTPProvider(name: settings.httpName, channels: settings.httpChannels, carrier: nil, url: url, timeoutSeconds: 10))
        }
        let health = ProviderHealthBook(threshold: settings.errorThreshold, probeSeconds: settings.probeSeconds, logger: environment.logger)
        // Sandbox traffic keeps its own health book: its failovers never mark a live provider down.
        let sandboxHealth = ProviderHealthBook(threshold: settings.errorThreshold, probeSeconds: settings.probeSeconds,
                                               logger: environment.logger)
        return NotifierContext(
            endpoint: environment.endpoint, settings: settings, window: SendingWindow(calendar: environment.calendar),
            pool: ProviderPool(providers: providers, health: health),
            sandboxPool: ProviderPool(providers: simulated, health: sandboxHealth), network: network,
            links: LinkToken(key: try HMACKey(key: linkKey)),
            secrets: try HMACKey(key: otpKey), ids: NoticeIDs(tag: tag), clock: environment.clock, logger: environment.logger)
    }
}

/// The KST year of an instant (the calendar must cover it at start-up).
enum KSTYear {
    static func of(_ instant: Date) -> Int { Runtime.KST.localDate(of: instant).year }
}

import ArgumentParser

/// `songdal`: the operator's command line.
///
/// Exit codes: 0 success; 1 a command failed (the message says why); 64 usage error (bad flags);
/// 78 configuration error (missing keys folder, unreadable file).
@main
struct Songdal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "songdal",
        abstract: "Certified electronic notices: operate, benchmark and verify a Songdal platform.",
        subcommands: [UpCommand.self, DemoCommand.self, SendCommand.self, StatusCommand.self, CampaignCommand.self, TailCommand.self, ProbeCommand.self, BenchCommand.self, KeysCommand.self, VerifyCommand.self, AuditCommand.self, IdentityCommand.self])
}

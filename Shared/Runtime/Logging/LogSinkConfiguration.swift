import Foundation

extension LogSink {
    /// Where a service's log lines go and how much of them is kept.
    public struct Configuration: Sendable {
        /// Service name; the file is `<directory>/<service>.log`.
        public var service: String
        /// Directory of the log file, or `nil` for standard output only (containers).
        public var directory: URL?
        /// Also write every line to standard output (what `docker logs` and `songdal up` show).
        public var toStandardOutput: Bool
        /// Size at which the file is rotated to `.1`; 10 MiB by default.
        public var maxFileBytes: Int
        /// Rotated files kept (`.1` newest ... `.N` oldest); 0 keeps only the live file.
        public var keptFiles: Int

        /// Creates a configuration; defaults suit a development machine.
        public init(
            service: String,
            directory: URL? = nil,
            toStandardOutput: Bool = true,
            maxFileBytes: Int = 10 * 1024 * 1024,
            keptFiles: Int = 5
        ) {
            self.service = service
            self.directory = directory
            self.toStandardOutput = toStandardOutput
            self.maxFileBytes = maxFileBytes
            self.keptFiles = keptFiles
        }

        /// The live log file, when there is one.
        public var fileURL: URL? {
            directory?.appending(path: "\(service).log")
        }

        func validate() throws(LogSinkError) {
            guard !service.isEmpty, service != ".", service != "..", !service.contains("/") else {
                throw .invalidConfiguration("service name \"\(service)\" cannot name a log file")
            }
            guard maxFileBytes >= 1024 else {
                throw .invalidConfiguration("maxFileBytes \(maxFileBytes) is below 1024")
            }
            guard keptFiles >= 0 else {
                throw .invalidConfiguration("keptFiles \(keptFiles) is negative")
            }
        }
    }
}

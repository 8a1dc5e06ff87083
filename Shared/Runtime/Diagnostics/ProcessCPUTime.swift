#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time used by the whole process, for figures that stay comparable when the machine is
/// shared: wall-clock rates swing with the other load, CPU-second rates much less.
public enum ProcessCPUTime {
    /// CPU seconds (all threads, user + system) since the process started.
    public static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

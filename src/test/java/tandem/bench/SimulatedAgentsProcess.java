package tandem.bench;

/**
 * {@link SimulatedControlAgents} in a process of their own, so the benchmark's process keeps its file descriptors for
 * its own connections (the machine allows 20,000 a process: 10,000 agents and the console's 10,000 connections to
 * them do not fit in one). Prints "port N" once listening and serves until its standard input closes. Run by
 * {@link ConsoleColdStartBenchmark} with {@code -Dtandem.bench.shared-port=true}.
 */
public final class SimulatedAgentsProcess {
    private SimulatedAgentsProcess() {}

    public static void main(String[] args) throws Exception {
        try (SimulatedControlAgents agents = new SimulatedControlAgents(Integer.parseInt(args[0]))) {
            System.out.println("port " + agents.port(0));
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent goes
            }
        }
    }

    /** Agent i's address in shared-port mode, as {@link SimulatedControlAgents#host} gives it. */
    static String host(int i) { return "127.1." + (i >> 8) + "." + (i & 255); }
}

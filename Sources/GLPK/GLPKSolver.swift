// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import LP

/// Solves a ``LinearProgram`` with GLPK in one synchronous call: the
/// `glp_prob` is created, loaded, solved, read and freed on the calling
/// thread, so the solver is safe to use from any number of threads at once
/// (GLPK's environment is thread-local in Debian's build).
public struct GLPKSolver: LPSolver {
    public init() {}

    public func solve(_ lp: LinearProgram, options: SolveOptions) throws -> LPSolution {
        let problem = GLPKProblem()
        try problem.load(lp)
        return try problem.solve(method: Self.resolve(options.method, columns: lp.columnCount, options: options),
                                 timeLimitSeconds: options.timeLimitSeconds,
                                 crossoverTimeLimitSeconds: options.crossoverTimeLimitSeconds)
    }

    /// `.auto` becomes the simplex for small models and stays `.auto`
    /// (interior point, then crossover to a vertex) for large ones.
    public static func resolve(_ method: SolveMethod, columns: Int, options: SolveOptions) -> SolveMethod {
        guard method == .auto else { return method }
        return columns > options.interiorPointColumnThreshold ? .auto : .simplex
    }
}

/// GLPK's environment on the calling thread.
public enum GLPKThreadEnvironment {
    /// Frees the calling thread's GLPK environment: call it last on a thread
    /// that solved with GLPK and is about to end (GLPK keeps about 5 KB a
    /// thread in thread-local storage and never frees it itself). Problems
    /// of this thread still alive become invalid — their calls throw
    /// ``GLPKError/problemInvalidated(call:)`` and their `deinit` frees
    /// nothing — and a later GLPK call on the thread starts a new environment.
    public static func release() { mg_release_env() }
}

package tandem.windows.sim;

import java.util.List;

/** The syntax tree of the simulator's PowerShell subset (see {@link SimParser}). */
final class SimAst {
    private SimAst() {}

    /** Where a node starts: its offset in the script text. */
    record Pos(int offset) {}

    sealed interface Stmt permits Pipeline, Assign, If, Foreach, Try, Function, Exit {}

    sealed interface Expr permits Literal, Var, Expand, ArrayOf, SubArray, Hash, Cast, Binary, Unary, Member, Call, Static,
            StaticCall, Paren, Block {}

    /** One or more elements joined by '|': the first an expression or a command, the others commands. */
    record Pipeline(List<Object> elements, Pos pos) implements Stmt {}

    /** {@code $x = value} or {@code [Console]::OutputEncoding = value}; value is a pipeline. */
    record Assign(Expr target, Pipeline value, Pos pos) implements Stmt {}

    record If(List<Expr> conditions, List<List<Stmt>> bodies, List<Stmt> orElse, Pos pos) implements Stmt {}

    record Foreach(String variable, Expr source, List<Stmt> body, Pos pos) implements Stmt {}

    record Try(List<Stmt> body, List<Stmt> handler, Pos pos) implements Stmt {}

    record Function(String name, List<String> parameters, List<Stmt> body, Pos pos) implements Stmt {}

    record Exit(Expr code, Pos pos) implements Stmt {}

    /** A command: its name (or, after '&', the expression giving a script block) and its raw arguments. */
    record Command(String name, Expr invoked, List<Arg> args, String text, Pos pos) {}

    /** A command argument: a parameter name ({@code -Name}, {@code -Name:value}) or a value. */
    record Arg(String parameter, Expr value) {}

    record Literal(Object value) implements Expr {}

    record Var(String name, Pos pos) implements Expr {}

    /** A double-quoted string: literal text and variables in order. */
    record Expand(List<Object> parts) implements Expr {}

    /** {@code a, b, c}. */
    record ArrayOf(List<Expr> items) implements Expr {}

    /** {@code @( statements )}: always an array. */
    record SubArray(List<Stmt> body) implements Expr {}

    record Hash(boolean ordered, List<String> keys, List<Pipeline> values) implements Expr {}

    record Cast(String type, Expr value, Pos pos) implements Expr {}

    record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

    record Unary(String op, Expr value) implements Expr {}

    record Member(Expr target, String name) implements Expr {}

    record Call(Expr target, String method, List<Expr> args, Pos pos) implements Expr {}

    /** {@code [Type]::Member}. */
    record Static(String type, String member, Pos pos) implements Expr {}

    record StaticCall(String type, String method, List<Expr> args, Pos pos) implements Expr {}

    /** {@code ( pipeline )}. */
    record Paren(Stmt body) implements Expr {}

    /** A script block literal {@code { ... }}. */
    record Block(List<Stmt> body, String text) implements Expr {}
}

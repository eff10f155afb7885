package tandem.windows.sim;

import java.util.ArrayList;
import java.util.List;
import tandem.windows.sim.SimAst.*;

/**
 * Parses the PowerShell subset Tandem's scripts use (statements, functions, if/elseif/else, foreach, try/catch, exit,
 * pipelines of commands, assignments and the listed expressions). Anything else fails as PowerShell's parser fails:
 * a {@link SimError} of type ParseException, category ParserError.
 */
final class SimParser {
    private static final List<String> COMPARISON = List.of("eq", "ne", "lt", "gt", "le", "ge", "notlike", "like", "join", "split");
    private static final List<String> KEYWORDS = List.of("function", "if", "elseif", "else", "foreach", "try", "catch", "finally",
            "exit", "return", "while", "do", "for", "switch", "param", "begin", "process", "end", "throw", "trap", "break", "continue");
    private final SimLexer in;

    private SimParser(String src) { this.in = new SimLexer(src); }

    static List<Stmt> parse(String src) {
        SimParser p = new SimParser(src);
        List<Stmt> script = p.statements('\0');
        if (!p.in.atEnd()) throw p.unexpected();
        return script;
    }

    private List<Stmt> statements(char end) {
        List<Stmt> out = new ArrayList<>();
        while (true) {
            in.blankLines();
            while (in.eat(';')) in.blankLines();
            if (in.atEnd() || in.peek() == end) return out;
            out.add(statement());
            in.blanks();
            char c = in.peek();
            if (c == '\n' || c == ';') continue;
            if (in.atEnd() || c == end) return out;
            throw unexpected();
        }
    }

    private SimError unexpected() {
        if (in.atEnd()) return in.error("Missing closing '}' in statement block or type definition.", "MissingEndCurlyBrace");
        String token = in.src.substring(in.at, Math.min(in.src.length(), in.at + 1));
        if (SimLexer.identChar(in.peek())) { int s = in.at; String t = in.bareword(); in.at = s; token = t; }
        return in.error("Unexpected token '" + token + "' in expression or statement.", "UnexpectedToken");
    }

    private Stmt statement() {
        Pos pos = in.pos();
        if (in.word("function")) return function(pos);
        if (in.word("if")) return ifStatement(pos);
        if (in.word("foreach")) return foreach(pos);
        if (in.word("try")) return tryStatement(pos);
        if (in.word("exit")) {
            in.blanks();
            char c = in.peek();
            return new Exit(in.atEnd() || c == '\n' || c == ';' || c == '}' ? null : expr(true), pos);
        }
        for (String k : KEYWORDS) if (in.word(k)) { in.at -= k.length(); throw in.error("The '" + k + "' statement is not supported.", "UnexpectedToken"); }
        Pipeline first = pipeline();
        in.blanks();
        if (in.peek() == '=' && first.elements().size() == 1 && first.elements().get(0) instanceof Expr target) {
            if (!(target instanceof Var || target instanceof Static)) throw in.error("The assignment expression is not valid.", "InvalidLeftHandSide");
            in.at++;
            in.blankLines();
            return new Assign(target, pipeline(), pos);
        }
        return first;
    }

    private Stmt function(Pos pos) {
        in.blanks();
        int start = in.at;
        while (SimLexer.identChar(in.peek()) || in.peek() == '-') in.at++;
        String name = in.src.substring(start, in.at);
        if (name.isEmpty()) throw in.error("Missing name after function keyword.", "MissingNameAfterKeyword");
        List<String> params = new ArrayList<>();
        in.blanks();
        if (in.eat('(')) {
            in.blankLines();
            while (!in.eat(')')) {
                if (!in.eat('$')) throw in.error("Missing ')' in function parameter list.", "MissingEndParenthesisInFunctionParameterList");
                params.add(in.variable());
                in.blankLines();
                if (in.eat(',')) in.blankLines();
            }
        }
        in.blankLines();
        return new Function(name, params, block(), pos);
    }

    private List<Stmt> block() {
        in.blankLines();
        if (!in.eat('{')) throw in.error("Missing statement block.", "MissingOpenBraceInStatementBlock");
        List<Stmt> body = statements('}');
        if (!in.eat('}')) throw in.error("Missing closing '}' in statement block or type definition.", "MissingEndCurlyBrace");
        return body;
    }

    private Expr condition() {
        in.blanks();
        if (!in.eat('(')) throw in.error("Missing '(' after 'if' in if statement.", "MissingOpenParenthesisInIfStatement");
        in.blankLines();
        Pipeline p = pipeline();
        in.blankLines();
        if (!in.eat(')')) throw in.error("Missing closing ')' after expression in 'if' statement.", "MissingEndParenthesisAfterStatement");
        return new Paren(p);
    }

    /** After a closing brace: the next word, looking past newlines, if it is one of {@code words}. */
    private String followedBy(String... words) {
        int save = in.at;
        in.blankLines();
        for (String w : words) if (in.word(w)) return w;
        in.at = save;
        return null;
    }

    private Stmt ifStatement(Pos pos) {
        List<Expr> conditions = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        conditions.add(condition());
        bodies.add(block());
        List<Stmt> orElse = null;
        for (String w; (w = followedBy("elseif", "else")) != null; ) {
            if (w.equals("else")) { orElse = block(); break; }
            conditions.add(condition());
            bodies.add(block());
        }
        return new If(conditions, bodies, orElse, pos);
    }

    private Stmt foreach(Pos pos) {
        in.expect('(', "Missing opening '(' after keyword 'foreach'.", "MissingOpenParenthesisAfterKeyword");
        in.blanks();
        if (!in.eat('$')) throw in.error("Missing variable name after foreach.", "MissingVariableNameAfterForeach");
        String var = in.variable();
        in.blanks();
        if (!in.word("in")) throw in.error("Missing 'in' after variable in foreach loop.", "MissingInInForeach");
        in.blankLines();
        Expr source = new Paren(pipeline());
        in.expect(')', "Missing closing ')' after expression in 'foreach' statement.", "MissingEndParenthesisAfterForeach");
        return new Foreach(var, source, block(), pos);
    }

    private Stmt tryStatement(Pos pos) {
        List<Stmt> body = block();
        if (followedBy("catch") == null) throw in.error("The Try statement is missing its Catch or Finally block.", "MissingCatchOrFinally");
        in.blanks();
        if (in.peek() == '[') throw in.error("Typed catch blocks are not supported.", "UnexpectedToken");
        return new Try(body, block(), pos);
    }

    private Pipeline pipeline() {
        Pos pos = in.pos();
        List<Object> elements = new ArrayList<>();
        in.blanks();
        elements.add(startsCommand() ? command() : expr(true));
        while (true) {
            in.blanks();
            if (!in.eat('|')) return new Pipeline(elements, pos);
            in.blankLines();
            if (!startsCommand()) throw in.error("Expressions are only allowed as the first element of a pipeline.", "ExpressionsMustBeFirstInPipeline");
            elements.add(command());
        }
    }

    private boolean startsCommand() {
        char c = in.peek();
        return c == '&' || Character.isLetter(c) || ((c == '%' || c == '?') && (in.peek(1) == ' ' || in.peek(1) == '{'));
    }

    private Command command() {
        Pos pos = in.pos();
        int start = in.at;
        String name = null;
        Expr invoked = null;
        if (in.eat('&')) {
            in.blanks();
            invoked = postfix(primary());
        } else if (in.peek() == '%' || in.peek() == '?') {
            name = String.valueOf(in.src.charAt(in.at++));
        } else {
            int s = in.at;
            while (SimLexer.identChar(in.peek()) || in.peek() == '-' || in.peek() == '.') in.at++;
            name = in.src.substring(s, in.at);
        }
        List<Arg> args = new ArrayList<>();
        while (true) {
            in.blanks();
            char c = in.peek();
            if (in.atEnd() || c == '\n' || c == ';' || c == '|' || c == ')' || c == '}') break;
            if (c == '-' && Character.isLetter(in.peek(1))) {
                in.at++;
                String param = in.identifier();
                if (in.eat(':')) { in.blanks(); args.add(new Arg(param, argumentList())); }
                else args.add(new Arg(param, null));
            } else {
                args.add(new Arg(null, argumentList()));
            }
        }
        return new Command(name, invoked, args, in.src.substring(start, in.at).trim(), pos);
    }

    private Expr argumentList() {
        Expr first = argument();
        in.blanks();
        if (in.peek() != ',') return first;
        List<Expr> items = new ArrayList<>(List.of(first));
        while (in.eat(',')) { in.blankLines(); items.add(argument()); in.blanks(); }
        return new ArrayOf(items);
    }

    private Expr argument() {
        char c = in.peek();
        if (c == '$' || SimLexer.isSingleQuote(c) || c == '"' || c == '(' || c == '@' || c == '{' || c == '[') return c == '[' ? cast() : postfix(primary());
        // in argument mode a token is a number only when all of it is one: 00-11-22-33-44-55 is a word
        String word = in.bareword();
        if (word.isEmpty()) throw unexpected();
        if (word.matches("-?\\d+")) return new Literal(Long.parseLong(word));
        if (word.matches("-?\\d+\\.\\d+")) return new Literal(Double.parseDouble(word));
        return new Literal(word);
    }

    // expression mode: logical < comparison < -not/! < comma < cast < postfix < primary
    private Expr expr(boolean comma) {
        Expr left = comparison(comma);
        while (true) {
            in.blanks();
            Pos pos = in.pos();
            String op = operator(List.of("and", "or"));
            if (op == null) return left;
            in.blankLines();
            left = new Binary(op, left, comparison(comma), pos);
        }
    }

    private String operator(List<String> names) {
        if (in.peek() != '-') return null;
        for (String n : names) {
            in.at++;
            if (in.word(n)) return n;
            in.at--;
        }
        return null;
    }

    private Expr comparison(boolean comma) {
        Expr left = not(comma);
        while (true) {
            in.blanks();
            Pos pos = in.pos();
            String op = operator(COMPARISON);
            if (op == null) return left;
            in.blankLines();
            left = new Binary(op, left, not(comma), pos);
        }
    }

    private Expr not(boolean comma) {
        in.blanks();
        if (in.eat('!') || operator(List.of("not")) != null) {
            in.blanks();
            return new Unary("not", not(comma));
        }
        return comma ? commaList() : cast();
    }

    private Expr commaList() {
        Expr first = cast();
        in.blanks();
        if (in.peek() != ',') return first;
        List<Expr> items = new ArrayList<>(List.of(first));
        while (in.eat(',')) { in.blankLines(); items.add(cast()); in.blanks(); }
        return new ArrayOf(items);
    }

    private Expr cast() {
        in.blanks();
        if (in.peek() != '[') return postfix(primary());
        Pos pos = in.pos();
        in.at++;
        String type = in.typeName();
        if (in.peek() == ':' && in.peek(1) == ':') {
            in.at += 2;
            String member = in.identifier();
            Expr e = in.peek() == '(' ? new StaticCall(type, member, arguments(), pos) : new Static(type, member, pos);
            return postfix(e);
        }
        if (type.equalsIgnoreCase("ordered")) {
            in.blanks();
            if (!(in.peek() == '@' && in.peek(1) == '{')) throw in.error("Ordered attribute can be specified only on a hash literal node.", "OrderedAttributeOnlyOnHashLiteralNode");
            in.at += 2;
            return hash(true);
        }
        in.blanks();
        return new Cast(type, cast(), pos);
    }

    private Expr postfix(Expr e) {
        while (in.peek() == '.' && SimLexer.identChar(in.peek(1))) {
            Pos pos = in.pos();
            in.at++;
            String name = in.identifier();
            e = in.peek() == '(' ? new Call(e, name, arguments(), pos) : new Member(e, name);
        }
        if (in.peek() == '[') throw in.error("Indexing is not supported.", "UnexpectedToken");
        return e;
    }

    private List<Expr> arguments() {
        in.at++; // '('
        List<Expr> args = new ArrayList<>();
        in.blankLines();
        if (in.eat(')')) return args;
        while (true) {
            args.add(expr(false));
            in.blankLines();
            if (in.eat(')')) return args;
            if (!in.eat(',')) throw in.error("Missing closing ')' in expression.", "MissingEndParenthesisInMethodCall");
            in.blankLines();
        }
    }

    private Expr primary() {
        Pos pos = in.pos();
        char c = in.peek();
        if (in.eat('$')) {
            String name = in.variable();
            return switch (name.toLowerCase()) {
                case "null" -> new Literal(null);
                case "true" -> new Literal(Boolean.TRUE);
                case "false" -> new Literal(Boolean.FALSE);
                default -> new Var(name, pos);
            };
        }
        if (SimLexer.isSingleQuote(in.peek())) { in.at++; return new Literal(in.singleQuoted()); }
        if (in.eat('"')) return new Expand(in.doubleQuoted());
        if (in.eat('(')) {
            in.blankLines();
            Stmt body = statement();
            in.blankLines();
            if (!in.eat(')')) throw in.error("Missing closing ')' in expression.", "MissingEndParenthesisInExpression");
            return new Paren(body);
        }
        if (c == '@' && in.peek(1) == '(') {
            in.at += 2;
            List<Stmt> body = statements(')');
            if (!in.eat(')')) throw in.error("Missing closing ')' in subexpression.", "MissingEndParenthesisInSubexpression");
            return new SubArray(body);
        }
        if (c == '@' && in.peek(1) == '{') { in.at += 2; return hash(false); }
        if (c == '{') {
            int start = in.at;
            List<Stmt> body = block();
            return new Block(body, in.src.substring(start + 1, in.at - 1));
        }
        Object number = in.number();
        if (number != null) return new Literal(number);
        throw in.atEnd() ? in.error("You must provide a value expression following the operator.", "ExpectedValueExpression") : unexpected();
    }

    private Expr hash(boolean ordered) {
        List<String> keys = new ArrayList<>();
        List<Pipeline> values = new ArrayList<>();
        while (true) {
            in.blankLines();
            while (in.eat(';')) in.blankLines();
            if (in.eat('}')) return new Hash(ordered, keys, values);
            String key;
            if (in.eat('\'')) key = in.singleQuoted();
            else if (SimLexer.identChar(in.peek())) key = in.identifier();
            else throw in.error("Missing key before '=' in hash literal.", "MissingEqualsInHashLiteral");
            in.expect('=', "Missing '=' operator after key in hash literal.", "MissingEqualsInHashLiteral");
            in.blankLines();
            keys.add(key);
            values.add(pipeline());
            in.blanks();
            char c = in.peek();
            if (c != ';' && c != '\n' && c != '}') throw in.error("The hash literal was incomplete.", "IncompleteHashLiteral");
        }
    }
}

//! The parser: preprocessed forms to the AST, by recursive descent with Erlang's operator
//! precedence (erl_parse's grammar).
//!
//! A syntax error ends only the form it is in: the parser reports it and goes on with the
//! next form, so one run reports every broken form.

use super::ast::*;
use super::token::{Pos, Tok, Token};
use crate::diagnostic::Diagnostic;

type PResult<T> = Result<T, ()>;

/// Parses preprocessed forms into a module AST.
pub fn parse_forms(file: &str, forms: Vec<Vec<Token>>, diags: &mut Vec<Diagnostic>) -> ModuleAst {
    let mut module = ModuleAst { file: file.to_owned(), forms: Vec::new() };
    for form in forms {
        if form.iter().all(|t| matches!(t.tok, Tok::Eof)) {
            continue;
        }
        // An error inside the form was reported already: drop the form quietly.
        if form.iter().any(|t| matches!(t.tok, Tok::Bad(None))) {
            continue;
        }
        let mut p = Parser { toks: form, i: 0, file, diags, no_colon: false };
        if let Ok(f) = p.form() {
            module.forms.push(f);
        }
    }
    module
}

/// Parses a sequence of expressions ending with a full stop (the shell's and `eval`'s input).
pub fn parse_exprs(file: &str, toks: Vec<Token>, diags: &mut Vec<Diagnostic>) -> Option<Vec<Expr>> {
    let mut p = Parser { toks, i: 0, file, diags, no_colon: false };
    let exprs = p.exprs().ok()?;
    if !matches!(p.peek().tok, Tok::Dot) {
        let _: PResult<()> = p.syntax_error();
        return None;
    }
    Some(exprs)
}

struct Parser<'a> {
    toks: Vec<Token>,
    i: usize,
    file: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    /// While parsing a catch clause's pattern, `:` separates class and reason.
    no_colon: bool,
}

/// How a token is named in "syntax error before: ..." messages.
fn describe(t: &Token) -> String {
    match &t.tok {
        Tok::Sym(s) => format!("'{s}'"),
        Tok::Dot => "'.'".to_owned(),
        Tok::Eof => "end of file".to_owned(),
        Tok::Bad(Some(c)) => format!("'{c}'"),
        _ => t.text(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        let last = self.toks.len() - 1;
        &self.toks[self.i.min(last)]
    }

    fn peek_at(&self, k: usize) -> &Token {
        let last = self.toks.len() - 1;
        &self.toks[(self.i + k).min(last)]
    }

    fn pos(&self) -> Pos {
        self.peek().pos
    }

    fn advance(&mut self) -> Token {
        let t = self.peek().clone();
        if self.i < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn is(&self, s: &str) -> bool {
        self.peek().is(s)
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.is(s) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn syntax_error<T>(&mut self) -> PResult<T> {
        let t = self.peek().clone();
        let msg = match &t.tok {
            Tok::Eof if self.toks.len() > 1 => "syntax error before: ".to_owned(),
            _ => format!("syntax error before: {}", describe(&t)),
        };
        self.diags.push(Diagnostic::error(self.file, t.pos, msg));
        Err(())
    }

    fn expect(&mut self, s: &str) -> PResult<()> {
        if self.eat(s) {
            Ok(())
        } else {
            self.syntax_error()
        }
    }

    fn atom(&mut self) -> PResult<String> {
        match &self.peek().tok {
            Tok::Atom(a) => {
                let a = a.clone();
                self.i += 1;
                Ok(a)
            }
            _ => self.syntax_error(),
        }
    }

    fn integer(&mut self) -> PResult<u32> {
        match &self.peek().tok {
            Tok::Int(n) => {
                let v = u32::try_from(n).map_err(|_| ());
                self.i += 1;
                v
            }
            _ => self.syntax_error(),
        }
    }

    fn end_form(&mut self) -> PResult<()> {
        if matches!(self.peek().tok, Tok::Dot) {
            Ok(())
        } else {
            self.syntax_error()
        }
    }

    // ---- Forms ----------------------------------------------------------------------

    fn form(&mut self) -> PResult<Form> {
        if self.is("-") {
            return self.attribute();
        }
        let f = self.function()?;
        self.end_form()?;
        Ok(Form::Function(f))
    }

    fn attribute(&mut self) -> PResult<Form> {
        self.advance();
        // erlc places attributes at their name, not at the dash.
        let start = self.pos();
        let name = match &self.peek().tok {
            Tok::Atom(a) => a.clone(),
            Tok::Sym(s) if *s == "if" => "if".to_owned(),
            _ => return self.syntax_error(),
        };
        self.i += 1;
        match name.as_str() {
            "spec" | "type" | "opaque" | "callback" | "export_type" | "nominal" => {
                // Types are accepted and not checked. A callback's name and arity are kept
                // (the compiler makes behaviour_info/1 from them).
                let mut value = None;
                if name == "callback" {
                    if let (Tok::Atom(f), true) = (self.peek().tok.clone(), self.peek_at(1).is("(")) {
                        value = Some(Expr::Tuple(
                            start,
                            vec![Expr::Atom(start, f), Expr::Int(start, self.count_args(1).into())],
                        ));
                    }
                }
                while !matches!(self.peek().tok, Tok::Dot | Tok::Eof) {
                    self.i += 1;
                }
                return Ok(Form::Attribute(start, name, value));
            }
            _ => {}
        }
        let paren = self.eat("(");
        let form = match name.as_str() {
            "module" => {
                let m = self.atom()?;
                // -module(M, Params) (parameterized modules) is not supported; report it.
                Form::Module(start, m)
            }
            "export" => Form::Export(start, self.fa_list()?),
            "import" => {
                let m = self.atom()?;
                self.expect(",")?;
                Form::Import(start, m, self.fa_list()?)
            }
            "compile" => Form::Compile(start, self.expr()?),
            "record" => {
                let r = self.atom()?;
                self.expect(",")?;
                self.expect("{")?;
                let mut fields = Vec::new();
                if !self.is("}") {
                    loop {
                        let pos = self.pos();
                        let f = self.atom()?;
                        let default = if self.eat("=") { Some(self.expr()?) } else { None };
                        if self.eat("::") {
                            self.skip_type()?;
                        }
                        fields.push(RecordFieldDef { pos, name: f, default });
                        if !self.eat(",") {
                            break;
                        }
                    }
                }
                self.expect("}")?;
                Form::Record(start, r, fields)
            }
            _ => {
                let value = if paren && !self.is(")") { Some(self.expr()?) } else { None };
                Form::Attribute(start, name, value)
            }
        };
        if paren {
            self.expect(")")?;
        }
        self.end_form()?;
        Ok(form)
    }

    /// The number of top-level arguments in the parenthesised list starting `k` tokens
    /// ahead (used for `-callback name(Args)`).
    fn count_args(&self, k: usize) -> u32 {
        let mut depth = 0usize;
        let mut n = 0u32;
        let mut any = false;
        let mut j = self.i + k + 1;
        while let Some(t) = self.toks.get(j) {
            match &t.tok {
                Tok::Sym("(" | "[" | "{" | "<<") => depth += 1,
                Tok::Sym(")") if depth == 0 => break,
                Tok::Sym(")" | "]" | "}" | ">>") => depth = depth.saturating_sub(1),
                Tok::Sym(",") if depth == 0 => n += 1,
                Tok::Dot | Tok::Eof => break,
                _ => {}
            }
            any = true;
            j += 1;
        }
        if any {
            n + 1
        } else {
            0
        }
    }

    /// Skips a type in a record field definition, up to the next `,` or `}` at depth 0.
    fn skip_type(&mut self) -> PResult<()> {
        let mut depth = 0usize;
        loop {
            let t = self.peek();
            match &t.tok {
                Tok::Dot | Tok::Eof => return self.syntax_error(),
                Tok::Sym("(" | "[" | "{" | "<<") => depth += 1,
                Tok::Sym(")" | "]" | "}" | ">>") => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Tok::Sym(",") if depth == 0 => return Ok(()),
                _ => {}
            }
            self.i += 1;
        }
    }

    fn fa_list(&mut self) -> PResult<Vec<(String, u32)>> {
        self.expect("[")?;
        let mut out = Vec::new();
        if !self.is("]") {
            loop {
                let f = self.atom()?;
                self.expect("/")?;
                let a = self.integer()?;
                out.push((f, a));
                if !self.eat(",") {
                    break;
                }
            }
        }
        self.expect("]")?;
        Ok(out)
    }

    fn function(&mut self) -> PResult<Function> {
        let pos = self.pos();
        let name = match &self.peek().tok {
            Tok::Atom(a) => a.clone(),
            _ => return self.syntax_error(),
        };
        let mut clauses = Vec::new();
        loop {
            let cpos = self.pos();
            match &self.peek().tok {
                Tok::Atom(a) if *a == name => {
                    self.i += 1;
                }
                Tok::Atom(_) => {
                    self.diags.push(Diagnostic::error(self.file, cpos, "head mismatch"));
                    return Err(());
                }
                _ => return self.syntax_error(),
            }
            let clause = self.clause_after_name(cpos)?;
            if let Some(first) = clauses.first() {
                let first: &Clause = first;
                if first.patterns.len() != clause.patterns.len() {
                    self.diags.push(Diagnostic::error(self.file, cpos, "head mismatch"));
                    return Err(());
                }
            }
            clauses.push(clause);
            if !self.eat(";") {
                break;
            }
        }
        let arity = clauses[0].patterns.len() as u32;
        Ok(Function { pos, name, arity, clauses })
    }

    /// `(Patterns) when Guards -> Body` after a function (or named fun) name.
    fn clause_after_name(&mut self, pos: Pos) -> PResult<Clause> {
        self.expect("(")?;
        let patterns = if self.is(")") { Vec::new() } else { self.expr_list()? };
        self.expect(")")?;
        let guards = self.guard_opt()?;
        self.expect("->")?;
        let body = self.exprs()?;
        Ok(Clause { pos, patterns, guards, body })
    }

    fn guard_opt(&mut self) -> PResult<Vec<Vec<Expr>>> {
        if !self.eat("when") {
            return Ok(Vec::new());
        }
        let mut seq = Vec::new();
        loop {
            seq.push(self.expr_list()?);
            if !self.eat(";") {
                break;
            }
        }
        Ok(seq)
    }

    // ---- Expressions ----------------------------------------------------------------

    fn exprs(&mut self) -> PResult<Vec<Expr>> {
        self.expr_list()
    }

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.eat(",") {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    fn expr(&mut self) -> PResult<Expr> {
        if self.is("catch") {
            let pos = self.pos();
            self.advance();
            let e = self.expr()?;
            return Ok(Expr::Catch(pos, Box::new(e)));
        }
        self.expr_100()
    }

    fn expr_100(&mut self) -> PResult<Expr> {
        let lhs = self.expr_150()?;
        if self.is("=") {
            let pos = self.pos();
            self.advance();
            let rhs = if self.is("catch") { self.expr()? } else { self.expr_100()? };
            return Ok(Expr::Match(pos, Box::new(lhs), Box::new(rhs)));
        }
        if self.is("!") {
            let pos = self.pos();
            self.advance();
            let rhs = if self.is("catch") { self.expr()? } else { self.expr_100()? };
            return Ok(Expr::BinOp(pos, BinOp::Send, Box::new(lhs), Box::new(rhs)));
        }
        Ok(lhs)
    }

    fn expr_150(&mut self) -> PResult<Expr> {
        let lhs = self.expr_160()?;
        if self.is("orelse") {
            let pos = self.pos();
            self.advance();
            let rhs = self.expr_150()?;
            return Ok(Expr::BinOp(pos, BinOp::OrElse, Box::new(lhs), Box::new(rhs)));
        }
        Ok(lhs)
    }

    fn expr_160(&mut self) -> PResult<Expr> {
        let lhs = self.expr_200()?;
        if self.is("andalso") {
            let pos = self.pos();
            self.advance();
            let rhs = self.expr_160()?;
            return Ok(Expr::BinOp(pos, BinOp::AndAlso, Box::new(lhs), Box::new(rhs)));
        }
        Ok(lhs)
    }

    fn expr_200(&mut self) -> PResult<Expr> {
        let lhs = self.expr_300()?;
        let op = match &self.peek().tok {
            Tok::Sym("==") => BinOp::Eq,
            Tok::Sym("/=") => BinOp::Ne,
            Tok::Sym("=:=") => BinOp::ExactEq,
            Tok::Sym("=/=") => BinOp::ExactNe,
            Tok::Sym("<") => BinOp::Lt,
            Tok::Sym("=<") => BinOp::Le,
            Tok::Sym(">") => BinOp::Gt,
            Tok::Sym(">=") => BinOp::Ge,
            _ => return Ok(lhs),
        };
        let pos = self.pos();
        self.advance();
        let rhs = self.expr_300()?;
        Ok(Expr::BinOp(pos, op, Box::new(lhs), Box::new(rhs)))
    }

    fn expr_300(&mut self) -> PResult<Expr> {
        let lhs = self.expr_400()?;
        let op = match &self.peek().tok {
            Tok::Sym("++") => BinOp::Append,
            Tok::Sym("--") => BinOp::Subtract,
            _ => return Ok(lhs),
        };
        let pos = self.pos();
        self.advance();
        let rhs = self.expr_300()?;
        Ok(Expr::BinOp(pos, op, Box::new(lhs), Box::new(rhs)))
    }

    fn expr_400(&mut self) -> PResult<Expr> {
        let mut lhs = self.expr_500()?;
        loop {
            let op = match &self.peek().tok {
                Tok::Sym("+") => BinOp::Add,
                Tok::Sym("-") => BinOp::Sub,
                Tok::Sym("bor") => BinOp::Bor,
                Tok::Sym("bxor") => BinOp::Bxor,
                Tok::Sym("bsl") => BinOp::Bsl,
                Tok::Sym("bsr") => BinOp::Bsr,
                Tok::Sym("or") => BinOp::Or,
                Tok::Sym("xor") => BinOp::Xor,
                _ => return Ok(lhs),
            };
            let pos = self.pos();
            self.advance();
            let rhs = self.expr_500()?;
            lhs = Expr::BinOp(pos, op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn expr_500(&mut self) -> PResult<Expr> {
        let mut lhs = self.expr_600()?;
        loop {
            let op = match &self.peek().tok {
                Tok::Sym("*") => BinOp::Mul,
                Tok::Sym("/") => BinOp::FDiv,
                Tok::Sym("div") => BinOp::IDiv,
                Tok::Sym("rem") => BinOp::Rem,
                Tok::Sym("band") => BinOp::Band,
                Tok::Sym("and") => BinOp::And,
                _ => return Ok(lhs),
            };
            let pos = self.pos();
            self.advance();
            let rhs = self.expr_600()?;
            lhs = Expr::BinOp(pos, op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn expr_600(&mut self) -> PResult<Expr> {
        let op = match &self.peek().tok {
            Tok::Sym("-") => UnOp::Neg,
            Tok::Sym("+") => UnOp::Plus,
            Tok::Sym("bnot") => UnOp::Bnot,
            Tok::Sym("not") => UnOp::Not,
            _ => return self.expr_700(),
        };
        let pos = self.pos();
        self.advance();
        let e = self.expr_600()?;
        Ok(fold_unary(pos, op, e))
    }

    /// Calls, record and map postfix operations.
    fn expr_700(&mut self) -> PResult<Expr> {
        if self.is("#") {
            let e = self.hash_expr(None)?;
            return self.postfix(e);
        }
        let e = self.expr_800()?;
        self.postfix(e)
    }

    fn postfix(&mut self, mut e: Expr) -> PResult<Expr> {
        loop {
            if self.is("(") {
                let pos = e.pos();
                self.advance();
                let args = if self.is(")") { Vec::new() } else { self.expr_list()? };
                self.expect(")")?;
                e = Expr::Call(pos, Box::new(e), args);
            } else if self.is("#") {
                e = self.hash_expr(Some(e))?;
            } else {
                return Ok(e);
            }
        }
    }

    /// `#rec{...}`, `#rec.f`, `#{...}` with an optional expression before the `#`.
    fn hash_expr(&mut self, base: Option<Expr>) -> PResult<Expr> {
        let pos = base.as_ref().map(|b| b.pos()).unwrap_or_else(|| self.pos());
        self.expect("#")?;
        if self.is("{") {
            let fields = self.map_fields()?;
            return Ok(match base {
                Some(b) => Expr::MapUpdate(pos, Box::new(b), fields),
                None => Expr::Map(pos, fields),
            });
        }
        let name = self.atom()?;
        if self.eat(".") {
            let field = self.atom()?;
            return Ok(match base {
                Some(b) => Expr::RecordField(pos, Box::new(b), name, field),
                None => Expr::RecordIndex(pos, name, field),
            });
        }
        self.expect("{")?;
        let mut fields = Vec::new();
        if !self.is("}") {
            loop {
                let fpos = self.pos();
                let fname = match &self.peek().tok {
                    Tok::Atom(a) => a.clone(),
                    Tok::Var(v) if v == "_" => "_".to_owned(),
                    _ => return self.syntax_error(),
                };
                self.i += 1;
                self.expect("=")?;
                let v = self.expr()?;
                fields.push((fpos, fname, v));
                if !self.eat(",") {
                    break;
                }
            }
        }
        self.expect("}")?;
        Ok(match base {
            Some(b) => Expr::RecordUpdate(pos, Box::new(b), name, fields),
            None => Expr::Record(pos, name, fields),
        })
    }

    fn map_fields(&mut self) -> PResult<Vec<MapField>> {
        self.expect("{")?;
        let mut fields = Vec::new();
        if !self.is("}") {
            loop {
                let key = self.expr()?;
                let pos = self.pos();
                let exact = if self.eat("=>") {
                    false
                } else if self.eat(":=") {
                    true
                } else {
                    return self.syntax_error();
                };
                let value = self.expr()?;
                fields.push(MapField { pos, exact, key, value });
                if !self.eat(",") {
                    break;
                }
            }
        }
        self.expect("}")?;
        Ok(fields)
    }

    fn expr_800(&mut self) -> PResult<Expr> {
        let e = self.expr_max()?;
        if self.is(":") && !self.no_colon {
            self.advance();
            let f = self.expr_max()?;
            let pos = e.pos();
            if !self.is("(") {
                return self.syntax_error();
            }
            self.advance();
            let args = if self.is(")") { Vec::new() } else { self.expr_list()? };
            self.expect(")")?;
            return Ok(Expr::RemoteCall(pos, Box::new(e), Box::new(f), args));
        }
        Ok(e)
    }

    fn expr_max(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let pos = t.pos;
        match t.tok {
            Tok::Var(v) => {
                self.i += 1;
                Ok(Expr::Var(pos, v))
            }
            Tok::Atom(a) => {
                self.i += 1;
                Ok(Expr::Atom(pos, a))
            }
            Tok::Int(n) => {
                self.i += 1;
                Ok(Expr::Int(pos, n))
            }
            Tok::Char(c) => {
                self.i += 1;
                Ok(Expr::Char(pos, c))
            }
            Tok::Float(f) => {
                self.i += 1;
                Ok(Expr::Float(pos, f))
            }
            Tok::Str(s) => {
                self.i += 1;
                let mut s = s;
                while let Tok::Str(more) = &self.peek().tok {
                    s.push_str(more);
                    self.i += 1;
                }
                Ok(Expr::Str(pos, s))
            }
            Tok::Sym("(") => {
                self.advance();
                let saved = self.no_colon;
                self.no_colon = false;
                let e = self.expr();
                self.no_colon = saved;
                let e = e?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Sym("{") => {
                self.advance();
                let elems = if self.is("}") { Vec::new() } else { self.expr_list()? };
                self.expect("}")?;
                Ok(Expr::Tuple(pos, elems))
            }
            Tok::Sym("[") => self.list(),
            Tok::Sym("<<") => self.binary(),
            Tok::Sym("begin") => {
                self.advance();
                let body = self.exprs()?;
                self.expect("end")?;
                Ok(Expr::Block(pos, body))
            }
            Tok::Sym("case") => {
                self.advance();
                let e = self.expr()?;
                self.expect("of")?;
                let clauses = self.cr_clauses()?;
                self.expect("end")?;
                Ok(Expr::Case(pos, Box::new(e), clauses))
            }
            Tok::Sym("if") => {
                self.advance();
                let mut clauses = Vec::new();
                loop {
                    let cpos = self.pos();
                    let mut guards = Vec::new();
                    loop {
                        guards.push(self.expr_list()?);
                        if !self.eat(";") || self.is_if_clause_end() {
                            break;
                        }
                    }
                    self.expect("->")?;
                    let body = self.exprs()?;
                    clauses.push(Clause { pos: cpos, patterns: Vec::new(), guards, body });
                    if !self.eat(";") {
                        break;
                    }
                }
                self.expect("end")?;
                Ok(Expr::If(pos, clauses))
            }
            Tok::Sym("receive") => {
                self.advance();
                let clauses = if self.is("after") { Vec::new() } else { self.cr_clauses()? };
                let after = if self.eat("after") {
                    let t = self.expr()?;
                    self.expect("->")?;
                    let body = self.exprs()?;
                    Some((Box::new(t), body))
                } else {
                    None
                };
                self.expect("end")?;
                Ok(Expr::Receive(pos, clauses, after))
            }
            Tok::Sym("try") => self.try_expr(),
            Tok::Sym("fun") => self.fun_expr(),
            Tok::Sym("#") => self.hash_expr(None),
            _ => self.syntax_error(),
        }
    }

    /// An `if` guard sequence cannot end in `;` followed by `->`; this guards the loop.
    fn is_if_clause_end(&self) -> bool {
        false
    }

    fn list(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.expect("[")?;
        if self.eat("]") {
            return Ok(Expr::Nil(pos));
        }
        let first = self.expr()?;
        if self.eat("||") {
            let quals = self.qualifiers()?;
            self.expect("]")?;
            return Ok(Expr::ListComp(pos, Box::new(first), quals));
        }
        let mut elems = vec![first];
        while self.eat(",") {
            elems.push(self.expr()?);
        }
        let tail = if self.eat("|") { self.expr()? } else { Expr::Nil(self.pos()) };
        self.expect("]")?;
        let mut acc = tail;
        for e in elems.into_iter().rev() {
            let p = e.pos();
            acc = Expr::Cons(p, Box::new(e), Box::new(acc));
        }
        if let Expr::Cons(_, h, t) = acc {
            return Ok(Expr::Cons(pos, h, t));
        }
        Ok(acc)
    }

    fn qualifiers(&mut self) -> PResult<Vec<Qualifier>> {
        let mut quals = Vec::new();
        loop {
            let e = self.expr()?;
            if self.eat("<-") {
                quals.push(Qualifier::Generator(e, self.expr()?));
            } else if self.eat("<=") {
                quals.push(Qualifier::BitGenerator(e, self.expr()?));
            } else {
                quals.push(Qualifier::Filter(e));
            }
            if !self.eat(",") {
                break;
            }
        }
        Ok(quals)
    }

    fn binary(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.expect("<<")?;
        if self.eat(">>") {
            return Ok(Expr::Bin(pos, Vec::new()));
        }
        let first = self.bin_elem()?;
        if self.eat("||") {
            let quals = self.qualifiers()?;
            self.expect(">>")?;
            // `<< E || ... >>`: the element must be a plain expression (possibly typed).
            let e = if first.size.is_none() && first.specs.is_empty() {
                first.value
            } else {
                Expr::Bin(first.pos, vec![first])
            };
            return Ok(Expr::BinComp(pos, Box::new(e), quals));
        }
        let mut elems = vec![first];
        while self.eat(",") {
            elems.push(self.bin_elem()?);
        }
        self.expect(">>")?;
        Ok(Expr::Bin(pos, elems))
    }

    fn bin_elem(&mut self) -> PResult<BinElem> {
        let pos = self.pos();
        let value = match &self.peek().tok {
            Tok::Sym("-") | Tok::Sym("+") | Tok::Sym("bnot") | Tok::Sym("not") => {
                let op = match self.advance().tok {
                    Tok::Sym("-") => UnOp::Neg,
                    Tok::Sym("+") => UnOp::Plus,
                    Tok::Sym("bnot") => UnOp::Bnot,
                    _ => UnOp::Not,
                };
                let e = self.expr_max()?;
                fold_unary(pos, op, e)
            }
            _ => {
                let e = self.expr_max()?;
                // Allow calls and record/map postfix inside a segment value, as in `<<(f(X))>>`.
                if self.is("(") || self.is("#") {
                    self.postfix(e)?
                } else {
                    e
                }
            }
        };
        let size = if self.eat(":") { Some(self.expr_max()?) } else { None };
        let mut specs = Vec::new();
        if self.eat("/") {
            loop {
                let name = self.atom()?;
                let unit = if self.eat(":") { Some(self.integer()?) } else { None };
                specs.push((name, unit));
                if !self.eat("-") {
                    break;
                }
            }
        }
        Ok(BinElem { pos, value, size, specs })
    }

    /// Clauses of `case` and `receive`: `Pattern when Guards -> Body; ...`.
    fn cr_clauses(&mut self) -> PResult<Vec<Clause>> {
        let mut clauses = Vec::new();
        loop {
            let pos = self.pos();
            let pat = self.expr()?;
            let guards = self.guard_opt()?;
            self.expect("->")?;
            let body = self.exprs()?;
            clauses.push(Clause { pos, patterns: vec![pat], guards, body });
            if !self.eat(";") {
                break;
            }
        }
        Ok(clauses)
    }

    fn try_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.expect("try")?;
        let body = self.exprs()?;
        let of = if self.eat("of") { self.cr_clauses()? } else { Vec::new() };
        let mut catches = Vec::new();
        if self.eat("catch") {
            loop {
                let cpos = self.pos();
                let saved = self.no_colon;
                self.no_colon = true;
                let first = self.expr();
                let result = first.and_then(|first| {
                    if self.eat(":") {
                        let reason = self.expr()?;
                        // The stack trace is bound to a variable, never matched.
                        let stack = if self.eat(":") {
                            if !matches!(self.peek().tok, Tok::Var(_)) {
                                return self.syntax_error();
                            }
                            self.expr()?
                        } else {
                            Expr::Var(cpos, "_".into())
                        };
                        Ok(vec![first, reason, stack])
                    } else {
                        Ok(vec![Expr::Atom(cpos, "throw".into()), first, Expr::Var(cpos, "_".into())])
                    }
                });
                self.no_colon = saved;
                let patterns = result?;
                let guards = self.guard_opt()?;
                self.expect("->")?;
                let cbody = self.exprs()?;
                catches.push(Clause { pos: cpos, patterns, guards, body: cbody });
                if !self.eat(";") {
                    break;
                }
            }
        }
        let after = if self.eat("after") { self.exprs()? } else { Vec::new() };
        if catches.is_empty() && after.is_empty() {
            return self.syntax_error();
        }
        self.expect("end")?;
        Ok(Expr::Try(pos, body, of, catches, after))
    }

    fn fun_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.expect("fun")?;
        match self.peek().tok.clone() {
            Tok::Atom(name) if self.peek_at(1).is("/") => {
                self.i += 2;
                let a = self.integer()?;
                Ok(Expr::FunRef(pos, FunRef::Local(name, a)))
            }
            Tok::Atom(_) | Tok::Var(_) if self.peek_at(1).is(":") => {
                let m = self.expr_max()?;
                self.expect(":")?;
                let f = self.expr_max()?;
                self.expect("/")?;
                let a = self.expr_max()?;
                Ok(Expr::FunRef(pos, FunRef::Remote(Box::new(m), Box::new(f), Box::new(a))))
            }
            Tok::Var(name) if self.peek_at(1).is("(") => {
                let mut clauses = Vec::new();
                loop {
                    let cpos = self.pos();
                    match &self.peek().tok {
                        Tok::Var(v) if *v == name => {
                            self.i += 1;
                        }
                        _ => return self.syntax_error(),
                    }
                    clauses.push(self.clause_after_name(cpos)?);
                    if !self.eat(";") {
                        break;
                    }
                }
                self.expect("end")?;
                Ok(Expr::Lambda(pos, Some(name), clauses))
            }
            _ => {
                let mut clauses = Vec::new();
                loop {
                    let cpos = self.pos();
                    clauses.push(self.clause_after_name(cpos)?);
                    if !self.eat(";") {
                        break;
                    }
                }
                self.expect("end")?;
                Ok(Expr::Lambda(pos, None, clauses))
            }
        }
    }
}

/// Folds a unary minus or plus on a literal into the literal, as erl_parse does.
fn fold_unary(pos: Pos, op: UnOp, e: Expr) -> Expr {
    match (op, e) {
        (UnOp::Neg, Expr::Int(_, n)) => Expr::Int(pos, -n),
        (UnOp::Neg, Expr::Float(_, f)) => Expr::Float(pos, -f),
        (UnOp::Neg, Expr::Char(_, c)) => Expr::Int(pos, -num_bigint::BigInt::from(c)),
        (UnOp::Plus, e @ (Expr::Int(..) | Expr::Float(..))) => e,
        (op, e) => Expr::UnOp(pos, op, Box::new(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lexer::lex;

    fn parse_expr(src: &str) -> Expr {
        let mut d = Vec::new();
        let toks = lex("t.erl", src, &mut d);
        let e = parse_exprs("t.erl", toks, &mut d).expect("parses");
        assert!(d.is_empty(), "{d:?}");
        e.into_iter().next().expect("one expression")
    }

    #[test]
    fn precedence_follows_erlang() {
        match parse_expr("1 + 2 * 3.") {
            Expr::BinOp(_, BinOp::Add, _, r) => {
                assert!(matches!(*r, Expr::BinOp(_, BinOp::Mul, ..)))
            }
            e => panic!("{e:?}"),
        }
        match parse_expr("A = B = 1.") {
            Expr::Match(_, _, r) => assert!(matches!(*r, Expr::Match(..))),
            e => panic!("{e:?}"),
        }
        match parse_expr("[1] ++ [2] ++ [3].") {
            Expr::BinOp(_, BinOp::Append, _, r) => {
                assert!(matches!(*r, Expr::BinOp(_, BinOp::Append, ..)))
            }
            e => panic!("{e:?}"),
        }
        assert!(matches!(parse_expr("-1."), Expr::Int(..)));
    }

    #[test]
    fn try_catch_patterns_take_classes() {
        match parse_expr("try f() catch error:R:S -> R; X -> X end.") {
            Expr::Try(_, _, _, catches, _) => {
                assert_eq!(catches.len(), 2);
                assert!(matches!(&catches[1].patterns[0], Expr::Atom(_, a) if a == "throw"));
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn syntax_errors_name_the_token() {
        let mut d = Vec::new();
        let toks = lex("t.erl", "foo(1 2).", &mut d);
        assert!(parse_exprs("t.erl", toks, &mut d).is_none());
        assert_eq!(d[0].to_string(), "t.erl:1:7: syntax error before: 2");
    }
}

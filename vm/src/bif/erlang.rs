//! The `erlang` module's built-ins for sequential code, and the native parts of `lists`,
//! `maps` and `io_lib` (`io`'s are in `io.rs`, `unicode`'s in `unicode.rs`).
//!
//! Process-related built-ins (spawn, links, monitors, registered names) live with the
//! process machinery, not here.

use super::BifDef;
use crate::interp::exception::{BifResult, Class, Exception, Origin};
use crate::process::Proc;
use crate::term::floats::{float_to_list, FloatOpts};
use crate::term::{atoms, etf, format, hash, Atom, BitWriter, Bitstring, Fun, FunKind, Map, Term};
use num_bigint::BigInt;
use num_traits::Num;
use std::sync::Arc;

fn badarg<T>() -> Result<T, Exception> {
    Err(Exception::badarg())
}

bifs! {
    "erlang", "is_integer", 1 => |_, a| Ok(Term::bool(a[0].is_integer()));
    "erlang", "is_float", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Float(_))));
    "erlang", "is_number", 1 => |_, a| Ok(Term::bool(a[0].is_number()));
    "erlang", "is_atom", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Atom(_))));
    "erlang", "is_boolean", 1 => |_, a| Ok(Term::bool(a[0].as_bool().is_some()));
    "erlang", "is_list", 1 => |_, a| Ok(Term::bool(a[0].is_list()));
    "erlang", "is_tuple", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Tuple(_))));
    "erlang", "is_map", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Map(_))));
    "erlang", "is_binary", 1 => |_, a| Ok(Term::bool(a[0].is_binary()));
    "erlang", "is_bitstring", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Bits(_))));
    "erlang", "is_pid", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Pid(_))));
    "erlang", "is_reference", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Ref(_))));
    "erlang", "is_port", 1 => |_, _| Ok(Term::bool(false));
    "erlang", "is_function", 1 => |_, a| Ok(Term::bool(matches!(a[0], Term::Fun(_))));
    "erlang", "is_function", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Fun(f), Term::Int(n)) if *n >= 0 => Ok(Term::bool(f.arity() as i64 == *n)),
        (_, Term::Int(n)) if *n >= 0 => Ok(Term::bool(false)),
        _ => badarg(),
    };
    "erlang", "is_record", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Tuple(t), Term::Atom(r)) => Ok(Term::bool(t.first().is_some_and(|x| x.is_atom(*r)))),
        (_, Term::Atom(_)) => Ok(Term::bool(false)),
        _ => badarg(),
    };
    "erlang", "is_record", 3 => |_, a| match (&a[0], &a[1], &a[2]) {
        (Term::Tuple(t), Term::Atom(r), Term::Int(n)) => Ok(Term::bool(t.len() as i64 == *n && t.first().is_some_and(|x| x.is_atom(*r)))),
        (_, Term::Atom(_), Term::Int(_)) => Ok(Term::bool(false)),
        _ => badarg(),
    };
    "erlang", "element", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() => Ok(t[*i as usize - 1].clone()),
        _ => badarg(),
    };
    "erlang", "setelement", 3 => |_, a| match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() => {
            let mut v = t.to_vec();
            v[*i as usize - 1] = a[2].clone();
            Ok(Term::tuple(v))
        }
        _ => badarg(),
    };
    "erlang", "tuple_size", 1 => |_, a| match &a[0] { Term::Tuple(t) => Ok(Term::Int(t.len() as i64)), _ => badarg() };
    "erlang", "size", 1 => |_, a| match &a[0] {
        Term::Tuple(t) => Ok(Term::Int(t.len() as i64)),
        Term::Bits(b) => Ok(Term::Int(b.byte_len() as i64)),
        _ => badarg(),
    };
    "erlang", "make_tuple", 2 => |_, a| match &a[0] {
        Term::Int(n) if *n >= 0 && *n < (1 << 24) => Ok(Term::tuple(vec![a[1].clone(); *n as usize])),
        _ => badarg(),
    };
    "erlang", "make_tuple", 3 => |_, a| match &a[0] {
        Term::Int(n) if *n >= 0 && *n < (1 << 24) => {
            let mut v = vec![a[1].clone(); *n as usize];
            for x in list(&a[2])? {
                match x.as_tuple() {
                    Some([Term::Int(i), val]) if *i >= 1 && (*i as usize) <= v.len() => v[*i as usize - 1] = val.clone(),
                    _ => return badarg(),
                }
            }
            Ok(Term::tuple(v))
        }
        _ => badarg(),
    };
    "erlang", "append_element", 2 => |_, a| match &a[0] {
        Term::Tuple(t) => { let mut v = t.to_vec(); v.push(a[1].clone()); Ok(Term::tuple(v)) }
        _ => badarg(),
    };
    "erlang", "delete_element", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() => {
            let mut v = t.to_vec(); v.remove(*i as usize - 1); Ok(Term::tuple(v))
        }
        _ => badarg(),
    };
    "erlang", "insert_element", 3 => |_, a| match (&a[0], &a[1]) {
        (Term::Int(i), Term::Tuple(t)) if *i >= 1 && (*i as usize) <= t.len() + 1 => {
            let mut v = t.to_vec(); v.insert(*i as usize - 1, a[2].clone()); Ok(Term::tuple(v))
        }
        _ => badarg(),
    };
    "erlang", "tuple_to_list", 1 => |_, a| match &a[0] { Term::Tuple(t) => Ok(Term::list(t.to_vec())), _ => badarg() };
    "erlang", "list_to_tuple", 1 => |_, a| Ok(Term::tuple(list(&a[0])?));
    "erlang", "length", 1 => |_, a| a[0].list_len().map(|n| Term::Int(n as i64)).ok_or_else(Exception::badarg);
    "erlang", "hd", 1 => |_, a| match &a[0] { Term::Cons(c) => Ok(c.head.clone()), _ => badarg() };
    "erlang", "tl", 1 => |_, a| match &a[0] { Term::Cons(c) => Ok(c.tail.clone()), _ => badarg() };
    "erlang", "atom_to_list", 1 => |_, a| match &a[0] { Term::Atom(x) => Ok(Term::string(x.as_str())), _ => badarg() };
    "erlang", "list_to_atom", 1 => |_, a| make_atom(&string_of(&a[0])?);
    "erlang", "list_to_existing_atom", 1 => |_, a| Atom::existing(&string_of(&a[0])?).map(Term::Atom).ok_or_else(Exception::badarg);
    "erlang", "atom_to_binary", 1 => |_, a| match &a[0] { Term::Atom(x) => Ok(Term::binary(x.as_str().as_bytes().to_vec())), _ => badarg() };
    "erlang", "atom_to_binary", 2 => |_, a| match &a[0] {
        Term::Atom(x) => {
            if a[1].is_atom(atoms::LATIN1) {
                if x.as_str().chars().any(|c| c as u32 > 255) { return badarg(); }
                Ok(Term::binary(x.as_str().chars().map(|c| c as u8).collect()))
            } else {
                Ok(Term::binary(x.as_str().as_bytes().to_vec()))
            }
        }
        _ => badarg(),
    };
    "erlang", "binary_to_atom", 1 => |_, a| make_atom(&utf8_of(&a[0])?);
    "erlang", "binary_to_atom", 2 => |_, a| {
        let s = if a[1].is_atom(atoms::LATIN1) { latin1_of(&a[0])? } else { utf8_of(&a[0])? };
        make_atom(&s)
    };
    "erlang", "binary_to_existing_atom", 1 => |_, a| Atom::existing(&utf8_of(&a[0])?).map(Term::Atom).ok_or_else(Exception::badarg);
    "erlang", "binary_to_existing_atom", 2 => |_, a| Atom::existing(&utf8_of(&a[0])?).map(Term::Atom).ok_or_else(Exception::badarg);
    "erlang", "integer_to_list", 1 => |_, a| int_text(&a[0], 10).map(|s| Term::string(&s));
    "erlang", "integer_to_list", 2 => |_, a| int_text(&a[0], radix(&a[1])?).map(|s| Term::string(&s));
    "erlang", "integer_to_binary", 1 => |_, a| int_text(&a[0], 10).map(|s| Term::binary(s.into_bytes()));
    "erlang", "integer_to_binary", 2 => |_, a| int_text(&a[0], radix(&a[1])?).map(|s| Term::binary(s.into_bytes()));
    "erlang", "list_to_integer", 1 => |_, a| parse_int(&string_of(&a[0])?, 10);
    "erlang", "list_to_integer", 2 => |_, a| parse_int(&string_of(&a[0])?, radix(&a[1])?);
    "erlang", "binary_to_integer", 1 => |_, a| parse_int(&latin1_of(&a[0])?, 10);
    "erlang", "binary_to_integer", 2 => |_, a| parse_int(&latin1_of(&a[0])?, radix(&a[1])?);
    "erlang", "float_to_list", 1 => |_, a| float_text(&a[0], &Term::Nil).map(|s| Term::string(&s));
    "erlang", "float_to_list", 2 => |_, a| float_text(&a[0], &a[1]).map(|s| Term::string(&s));
    "erlang", "float_to_binary", 1 => |_, a| float_text(&a[0], &Term::Nil).map(|s| Term::binary(s.into_bytes()));
    "erlang", "float_to_binary", 2 => |_, a| float_text(&a[0], &a[1]).map(|s| Term::binary(s.into_bytes()));
    "erlang", "list_to_float", 1 => |_, a| parse_float(&string_of(&a[0])?);
    "erlang", "binary_to_float", 1 => |_, a| parse_float(&latin1_of(&a[0])?);
    "erlang", "binary_to_list", 1 => |_, a| match &a[0] {
        Term::Bits(b) if b.is_binary() => Ok(Term::list(b.to_bytes().iter().map(|&x| Term::Int(x as i64)).collect())),
        _ => badarg(),
    };
    "erlang", "binary_to_list", 3 => |_, a| match (&a[0], &a[1], &a[2]) {
        (Term::Bits(b), Term::Int(s), Term::Int(e)) if b.is_binary() && *s >= 1 && s <= e && (*e as usize) <= b.byte_len() => {
            Ok(Term::list(b.to_bytes()[*s as usize - 1..*e as usize].iter().map(|&x| Term::Int(x as i64)).collect()))
        }
        _ => badarg(),
    };
    "erlang", "bitstring_to_list", 1 => |_, a| match &a[0] {
        Term::Bits(b) => {
            let whole = b.bit_len() / 8;
            let bytes = b.to_bytes();
            let items: Vec<Term> = bytes[..whole].iter().map(|&x| Term::Int(x as i64)).collect();
            let tail = if b.bit_len() % 8 == 0 { Term::Nil } else {
                Term::list(vec![Term::Bits(Arc::new(b.slice(whole * 8, b.bit_len() % 8)))])
            };
            Ok(Term::list_with_tail(items, tail))
        }
        _ => badarg(),
    };
    "erlang", "list_to_binary", 1 => |_, a| iolist_bits(&a[0], false);
    "erlang", "iolist_to_binary", 1 => |_, a| iolist_bits(&a[0], false);
    "erlang", "list_to_bitstring", 1 => |_, a| iolist_bits(&a[0], true);
    "erlang", "iolist_size", 1 => |_, a| match iolist_bits(&a[0], false)? {
        Term::Bits(b) => Ok(Term::Int(b.byte_len() as i64)),
        _ => badarg(),
    };
    "erlang", "byte_size", 1 => |_, a| match &a[0] { Term::Bits(b) => Ok(Term::Int(b.byte_len() as i64)), _ => badarg() };
    "erlang", "bit_size", 1 => |_, a| match &a[0] { Term::Bits(b) => Ok(Term::Int(b.bit_len() as i64)), _ => badarg() };
    "erlang", "binary_part", 2 => |_, a| match &a[1].as_tuple() {
        Some([s, l]) => binary_part(&a[0], s, l),
        _ => badarg(),
    };
    "erlang", "binary_part", 3 => |_, a| binary_part(&a[0], &a[1], &a[2]);
    "erlang", "split_binary", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Bits(b), Term::Int(n)) if b.is_binary() && *n >= 0 && (*n as usize) <= b.byte_len() => {
            let n = *n as usize * 8;
            Ok(Term::tuple([Term::Bits(Arc::new(b.slice(0, n))), Term::Bits(Arc::new(b.slice(n, b.bit_len() - n)))]))
        }
        _ => badarg(),
    };
    "erlang", "term_to_binary", 1 => |p, a| {
        let opts = etf::EncodeOptions { node: p.vm.dist.node(), ..Default::default() };
        Ok(Term::binary(etf::encode_with(&a[0], &opts)))
    };
    "erlang", "term_to_binary", 2 => |p, a| {
        let opts = encode_options(p, &a[1])?;
        Ok(Term::binary(etf::encode_with(&a[0], &opts)))
    };
    // The size of the encoding without compression, the largest the term can take.
    "erlang", "external_size", 1 => |p, a| {
        let opts = etf::EncodeOptions { node: p.vm.dist.node(), ..Default::default() };
        Ok(Term::Int(etf::encode_with(&a[0], &opts).len() as i64))
    };
    // The only option OTP 25 takes here is `{minor_version, 0 | 1}`.
    "erlang", "external_size", 2 => |p, a| {
        let mut opts = etf::EncodeOptions { node: p.vm.dist.node(), ..Default::default() };
        if a[1].list_len().is_none() {
            return badarg();
        }
        for o in a[1].iter_list() {
            match o.as_tuple() {
                Some([Term::Atom(k), Term::Int(n @ 0..=1)]) if k.as_str() == "minor_version" => {
                    opts.minor_version = *n as u8
                }
                _ => return badarg(),
            }
        }
        Ok(Term::Int(etf::encode_with(&a[0], &opts).len() as i64))
    };
    "erlang", "binary_to_term", 1 => |p, a| match &a[0] {
        Term::Bits(b) if b.is_binary() => {
            etf::decode_in(&b.to_bytes(), p.vm.dist.node()).map(|(t, _)| t).map_err(|_| Exception::badarg())
        }
        _ => badarg(),
    };
    "erlang", "binary_to_term", 2 => |p, a| match &a[0] {
        Term::Bits(b) if b.is_binary() => {
            let bytes = b.to_bytes();
            let (t, used) = etf::decode_in(&bytes, p.vm.dist.node()).map_err(|_| Exception::badarg())?;
            if a[1].iter_list().any(|o| o.is_atom(Atom::new("used"))) {
                Ok(Term::tuple([t, Term::Int(used as i64)]))
            } else {
                Ok(t)
            }
        }
        _ => badarg(),
    };
    "erlang", "error", 1 => |_, a| Err(Exception::raised(Class::Error, a[0].clone()));
    "erlang", "error", 2 => |_, a| Err(Exception { class: Class::Error, reason: a[0].clone(), origin: Origin::RaisedWithArgs(a[1].clone(), None) });
    "erlang", "error", 3 => |_, a| {
        let info = a[2].iter_list().find_map(|o| match o.as_tuple() {
            Some([k, v]) if k.is_atom(Atom::new("error_info")) => Some(v.clone()),
            _ => None,
        });
        Err(Exception { class: Class::Error, reason: a[0].clone(), origin: Origin::RaisedWithArgs(a[1].clone(), info) })
    };
    "erlang", "throw", 1 => |_, a| Err(Exception::raised(Class::Throw, a[0].clone()));
    "erlang", "exit", 1 => |_, a| Err(Exception::raised(Class::Exit, a[0].clone()));
    "erlang", "raise", 3 => |_, a| {
        let class = a[0].as_atom().and_then(Class::from_atom);
        match class {
            Some(c) if a[2].is_list() => Err(Exception { class: c, reason: a[1].clone(), origin: Origin::Stack(a[2].clone()) }),
            // An invalid class or stack makes raise/3 return badarg instead of raising.
            _ => Ok(Term::Atom(atoms::BADARG)),
        }
    };
    "erlang", "make_ref", 0 => |p, _| Ok(Term::Ref(p.vm.make_ref()));
    "erlang", "self", 0 => |p, _| Ok(Term::Pid(p.pid));
    "erlang", "node", 0 => |p, _| Ok(Term::Atom(p.vm.dist.node().name));
    "erlang", "node", 1 => |p, a| match &a[0] {
        Term::Pid(x) => Ok(Term::Atom(x.as_external().map_or(p.vm.dist.node().name, |e| e.node))),
        Term::Ref(x) => Ok(Term::Atom(x.as_external().map_or(p.vm.dist.node().name, |e| e.node))),
        _ => badarg(),
    };
    "erlang", "put", 2 => |p, a| Ok(p.extras_mut().dict.put(a[0].clone(), a[1].clone()).unwrap_or(Term::Atom(atoms::UNDEFINED)));
    "erlang", "get", 1 => |p, a| Ok(p.extras().dict.get(&a[0]).cloned().unwrap_or(Term::Atom(atoms::UNDEFINED)));
    "erlang", "get", 0 => |p, _| Ok(p.extras().dict.to_list());
    "erlang", "erase", 1 => |p, a| Ok(p.extras_mut().dict.erase(&a[0]).unwrap_or(Term::Atom(atoms::UNDEFINED)));
    "erlang", "erase", 0 => |p, _| {
        let all = p.extras().dict.to_list();
        p.extras_mut().dict.clear();
        Ok(all)
    };
    "erlang", "get_keys", 0 => |p, _| Ok(Term::list(p.extras().dict.iter_newest_first().map(|(k, _)| k.clone()).collect()));
    "erlang", "get_keys", 1 => |p, a| Ok(Term::list(p.extras().dict.iter_newest_first().filter(|(_, v)| **v == a[0]).map(|(k, _)| k.clone()).collect()));
    "erlang", "md5", 1 => |_, a| match iolist_bits(&a[0], false)? {
        Term::Bits(b) => {
            use md5::Digest;
            Ok(Term::binary(md5::Md5::digest(b.to_bytes()).to_vec()))
        }
        _ => badarg(),
    };
    "erlang", "phash2", 1 => |_, a| Ok(Term::Int(hash::phash2(&a[0]) as i64));
    "erlang", "phash2", 2 => |_, a| match &a[1] {
        Term::Int(r) if *r >= 1 && *r <= (1i64 << 32) => Ok(Term::Int(hash::phash2_range(&a[0], *r as u32) as i64)),
        _ => badarg(),
    };
    "erlang", "phash", 2 => |_, a| match &a[1] {
        Term::Int(r) if *r >= 1 && *r <= (1i64 << 32) => Ok(Term::Int(hash::phash(&a[0], *r as u32) as i64)),
        _ => badarg(),
    };
    "erlang", "make_fun", 3 => |_, a| match (&a[0], &a[1], &a[2]) {
        (Term::Atom(m), Term::Atom(f), Term::Int(n)) if *n >= 0 && *n <= 255 => Ok(Term::Fun(Arc::new(Fun {
            module: *m, kind: FunKind::Export { function: *f, arity: *n as u32 },
        }))),
        _ => badarg(),
    };
    "erlang", "fun_info", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Fun(f), Term::Atom(item)) => {
            let v = match item.as_str() {
                "arity" => Term::Int(f.arity() as i64),
                "module" => Term::Atom(f.module),
                "type" => Term::atom(if matches!(f.kind, FunKind::Export { .. }) { "external" } else { "local" }),
                "name" => match &f.kind {
                    FunKind::Export { function, .. } => Term::Atom(*function),
                    FunKind::Local { code, index, .. } => Term::Atom(code.functions[code.lambdas[*index as usize].func as usize].name),
                    // The name is in the other node's code; erl shows '' when it lacks the code.
                    FunKind::Foreign(_) => Term::Atom(atoms::EMPTY),
                },
                "env" => Term::list(f.closure().map(|(_, _, env)| env.to_vec()).unwrap_or_default()),
                _ => return badarg(),
            };
            Ok(Term::tuple([a[1].clone(), v]))
        }
        _ => badarg(),
    };
    "erlang", "fun_info", 1 => |p, a| match &a[0] {
        Term::Fun(_) => {
            let mut items = Vec::new();
            for k in ["module", "name", "arity", "env", "type"] {
                let f = super::lookup("erlang", "fun_info", 2).map(super::def);
                if let Some(d) = f {
                    items.push((d.f)(p, &mut [a[0].clone(), Term::atom(k)])?);
                }
            }
            Ok(Term::list(items))
        }
        _ => badarg(),
    };
    "erlang", "is_map_key", 2 => |_, a| match &a[1] {
        Term::Map(m) => Ok(Term::bool(m.get(&a[0]).is_some())),
        other => Err(badmap(other)),
    };
    "erlang", "map_get", 2 => |_, a| map_get(&a[0], &a[1]);
    "erlang", "map_size", 1 => |_, a| match &a[0] { Term::Map(m) => Ok(Term::Int(m.len() as i64)), other => Err(badmap(other)) };
    "erlang", "get_module_info", 1 => |p, a| module_info(p, &a[0], None);
    "erlang", "loaded", 0 => |p, _| Ok(Term::list(p.vm.code.loaded().into_iter().map(Term::Atom).collect()));
    // The standard library counts as loaded (as erl's is), named by its source file.
    "code", "is_loaded", 1 => |p, a| match &a[0] {
        Term::Atom(m) if p.vm.code.is_loaded(*m) => Ok(Term::tuple([Term::Atom(atoms::FILE), Term::string(&p.vm.code.get(*m).map(|c| c.file.clone()).unwrap_or_default())])),
        // Modules erl has preloaded say so.
        Term::Atom(m)
            if matches!(m.as_str(), "erlang" | "init" | "prim_file" | "zlib" | "atomics" | "counters" | "persistent_term") =>
        {
            Ok(Term::tuple([Term::Atom(atoms::FILE), Term::atom("preloaded")]))
        }
        Term::Atom(m) if p.vm.has_module(*m) => Ok(Term::tuple([
            Term::Atom(atoms::FILE),
            Term::string(&p.vm.module_file(*m).unwrap_or_else(|| format!("{}.erl", m.as_str()))),
        ])),
        Term::Atom(_) => Ok(Term::bool(false)),
        _ => badarg(),
    };
    "erlang", "get_module_info", 2 => |p, a| module_info(p, &a[0], Some(&a[1]));
    "erlang", "halt", 0 => |p, _| halt(p, 0);
    "erlang", "halt", 1 => |p, a| halt_with(p, &a[0], &Term::Nil);
    "erlang", "halt", 2 => |p, a| halt_with(p, &a[0], &a[1]);
    "erlang", "!", 2 => |p, a| send(p, &a[0], a[1].clone());
    "erlang", "send", 2 => |p, a| send(p, &a[0], a[1].clone());
    // Options (noconnect, nosuspend) concern other nodes only; locally they change nothing.
    "erlang", "send", 3 => |p, a| {
        send_options(&a[2])?;
        send(p, &a[0], a[1].clone()).map(|_| Term::Atom(atoms::OK))
    };
    // A send never suspends the sender here: the message is always sent.
    "erlang", "send_nosuspend", 2 => |p, a| send(p, &a[0], a[1].clone()).map(|_| Term::bool(true));
    "erlang", "send_nosuspend", 3 => |p, a| {
        send_options(&a[2])?;
        send(p, &a[0], a[1].clone()).map(|_| Term::bool(true))
    };
    // Reductions are counted per call by the interpreter; a built-in cannot add to them.
    "erlang", "bump_reductions", 1 => |_, a| match &a[0] {
        Term::Int(n) if *n >= 0 => Ok(Term::bool(true)),
        _ => Err(Exception::badarg()),
    };
    "erlang", "ref_to_list", 1 => |_, a| match &a[0] {
        Term::Ref(_) => Ok(Term::string(&crate::term::print::write_term(&a[0]))),
        _ => Err(Exception::badarg()),
    };
    "erlang", "list_to_ref", 1 => |_, a| list_to_ref(&a[0]);
    "erlang", "subtract", 2 => |_, a| subtract(&a[0], &a[1]);
    "erlang", "function_exported", 3 => |p, a| match (&a[0], &a[1], &a[2]) {
        (Term::Atom(m), Term::Atom(f), Term::Int(n)) if *n >= 0 => {
            // The standard library counts as loaded, as erl has it loaded from the start:
            // its Erlang half is loaded now if it was not yet.
            let stdlib = !p.vm.code.is_loaded(*m) && p.vm.has_module(*m);
            if stdlib {
                p.vm.ensure_loaded(*m);
            }
            Ok(Term::bool((stdlib || p.vm.code.is_loaded(*m)) && p.vm.code.is_exported(*m, *f, *n as u32)))
        }
        _ => badarg(),
    };
    "erlang", "garbage_collect", 0 => |_, _| Ok(Term::bool(true));
    // An improper list: reverse/1 (Erlang code in OTP) fails with function_clause,
    // reverse/2 (a built-in there too) with badarg.
    "lists", "reverse", 1 => |_, a| reverse_owned(a, Term::Nil).map_or_else(function_clause, Ok);
    "lists", "reverse", 2 => |_, a| {
        let tail = a[1].clone();
        reverse_owned(a, tail).ok_or_else(Exception::badarg)
    };
    "lists", "member", 2 => |_, a| {
        let mut it = a[1].iter_list();
        for x in it.by_ref() { if *x == a[0] { return Ok(Term::bool(true)); } }
        if matches!(it.tail(), Term::Nil) { Ok(Term::bool(false)) } else { badarg() }
    };
    "lists", "keyfind", 3 => |_, a| keyfind(&a[0], &a[1], &a[2]).map(|t| t.unwrap_or(Term::bool(false)));
    "lists", "keymember", 3 => |_, a| keyfind(&a[0], &a[1], &a[2]).map(|t| Term::bool(t.is_some()));
    "lists", "keysearch", 3 => |_, a| keyfind(&a[0], &a[1], &a[2]).map(|t| match t {
        Some(t) => Term::tuple([Term::atom("value"), t]),
        None => Term::bool(false),
    });
    "lists", "append", 2 => |_, a| append(&a[0], &a[1]);
    "erlang", "++", 2 => |_, a| append(&a[0], &a[1]);
    "erlang", "--", 2 => |_, a| subtract(&a[0], &a[1]);
    "lists", "subtract", 2 => |_, a| subtract(&a[0], &a[1]);
    "lists", "sort", 1 => |_, a| {
        let v = match a[0].list_to_vec() { Some(v) => v, None => return function_clause() };
        Ok(Term::list(super::sort::sort(v)))
    };
    // Anything but a positive index and a proper list of large enough tuples goes to the
    // Erlang definition, which raises erl's error.
    "lists", "keysort", 2 => |_, a| {
        let (Some(i), Some(v)) = (a[0].as_int(), a[1].list_to_vec()) else { return Err(Exception::declined()) };
        if i < 1 {
            return Err(Exception::declined());
        }
        match super::sort::keysort(i as usize - 1, v) {
            Some(v) => Ok(Term::list(v)),
            None => Err(Exception::declined()),
        }
    };
    "maps", "get", 2 => |_, a| map_get(&a[0], &a[1]);
    // The text erl prints for an exception (`exception error: ...` and its stack), as the
    // shell and `ember run` print it.
    "erl_error", "format_exception", 3 => |_, a| {
        let class = match a[0].as_atom().map(|c| c.as_str()) {
            Some("error") => Class::Error,
            Some("exit") => Class::Exit,
            Some("throw") => Class::Throw,
            _ => return badarg(),
        };
        if a[2].list_len().is_none() {
            return badarg();
        }
        let text = crate::interp::format_exception(class, &a[1], &a[2]);
        Ok(Term::string(text.strip_suffix('\n').unwrap_or(&text)))
    };
    "maps", "find", 2 => |_, a| match &a[1] {
        Term::Map(m) => Ok(m.get(&a[0]).map(|v| Term::tuple([Term::Atom(atoms::OK), v.clone()])).unwrap_or(Term::atom("error"))),
        other => Err(badmap(other)),
    };
    "maps", "is_key", 2 => |_, a| match &a[1] { Term::Map(m) => Ok(Term::bool(m.get(&a[0]).is_some())), other => Err(badmap(other)) };
    // The map argument is taken, not copied (the caller's register often held its only
    // reference, so the map is then updated in place); only on success, so that an error's
    // stack trace still shows every argument.
    "maps", "put", 3 => |_, a| {
        let (kv, map) = a.split_at_mut(2);
        match &mut map[0] {
            Term::Map(m) => { let mut m = std::mem::take(m); m.insert(kv[0].clone(), kv[1].clone()); Ok(Term::Map(m)) }
            other => Err(badmap(other)),
        }
    };
    "maps", "update", 3 => |_, a| {
        let (kv, map) = a.split_at_mut(2);
        match &mut map[0] {
            Term::Map(m) => {
                if m.get(&kv[0]).is_none() { return Err(Exception::error(Term::tuple([Term::Atom(atoms::BADKEY), kv[0].clone()]))); }
                let mut m = std::mem::take(m); m.insert(kv[0].clone(), kv[1].clone()); Ok(Term::Map(m))
            }
            other => Err(badmap(other)),
        }
    };
    "maps", "remove", 2 => |_, a| {
        let (k, map) = a.split_at_mut(1);
        match &mut map[0] {
            Term::Map(m) => { let mut m = std::mem::take(m); m.remove(&k[0]); Ok(Term::Map(m)) }
            other => Err(badmap(other)),
        }
    };
    "maps", "keys", 1 => |_, a| match &a[0] { Term::Map(m) => Ok(Term::list(m.list_order().map(|(k, _)| k.clone()).collect())), other => Err(badmap(other)) };
    "maps", "values", 1 => |_, a| match &a[0] { Term::Map(m) => Ok(Term::list(m.list_order().map(|(_, v)| v.clone()).collect())), other => Err(badmap(other)) };
    "maps", "to_list", 1 => |_, a| match &a[0] {
        Term::Map(m) => Ok(Term::list(m.list_order().map(|(k, v)| Term::tuple([k.clone(), v.clone()])).collect())),
        other => Err(badmap(other)),
    };
    // The pairs in iteration order (maps:fold/3, maps:next/1), which for a map of more
    // than 32 keys is the reverse of maps:to_list/1's.
    "ember_maps", "pairs", 1 => |_, a| match &a[0] {
        Term::Map(m) => Ok(Term::list(m.iter().map(|(k, v)| Term::tuple([k.clone(), v.clone()])).collect())),
        other => Err(badmap(other)),
    };
    "maps", "from_list", 1 => |_, a| {
        let mut m = Map::new();
        for x in list(&a[0])? {
            match x.as_tuple() { Some([k, v]) => m.insert(k.clone(), v.clone()), _ => return badarg() }
        }
        Ok(Term::Map(m))
    };
    "maps", "size", 1 => |_, a| match &a[0] { Term::Map(m) => Ok(Term::Int(m.len() as i64)), other => Err(badmap(other)) };
    "maps", "new", 0 => |_, _| Ok(Term::Map(Map::new()));
    "maps", "merge", 2 => |_, a| match (&a[0], &a[1]) {
        (Term::Map(x), Term::Map(y)) => {
            let (mut big, small, small_wins) = if x.len() >= y.len() { (x.clone(), y, true) } else { (y.clone(), x, false) };
            for (k, v) in small.iter() {
                if small_wins || big.get(k).is_none() { big.insert(k.clone(), v.clone()); }
            }
            Ok(Term::Map(big))
        }
        (Term::Map(_), other) | (other, _) => Err(badmap(other)),
    };
    "io_lib", "format", 2 => |_, a| io_lib_format(&a[0], &a[1]);
    "io_lib", "fwrite", 2 => |_, a| io_lib_format(&a[0], &a[1]);
    "io_lib", "write", 1 => |_, a| Ok(Term::string(&write_w(&a[0])));
    "io_lib", "print", 1 => |_, a| Ok(Term::string(&format::pretty(&a[0], 1, 80, None)));
    "io_lib", "print", 4 => |_, a| match (&a[1], &a[2], &a[3]) {
        (Term::Int(col), Term::Int(ll), Term::Int(depth)) if *ll >= 0 => {
            let depth = usize::try_from(*depth).ok();
            // The column is an indentation to write: a bound keeps it from exhausting memory.
            let col = (*col).clamp(1, 1 << 16) as usize;
            Ok(Term::string(&format::pretty(&a[0], col, (*ll).min(1 << 16) as usize, depth)))
        }
        _ => Err(Exception::badarg()),
    };
}

fn badmap(t: &Term) -> Exception {
    Exception::error(Term::tuple([Term::Atom(atoms::BADMAP), t.clone()]))
}

fn map_get(k: &Term, m: &Term) -> BifResult {
    match m {
        Term::Map(mm) => {
            mm.get(k).cloned().ok_or_else(|| Exception::error(Term::tuple([Term::Atom(atoms::BADKEY), k.clone()])))
        }
        other => Err(badmap(other)),
    }
}

fn list(t: &Term) -> Result<Vec<Term>, Exception> {
    t.list_to_vec().ok_or_else(Exception::badarg)
}

/// The options of `term_to_binary/2` (and `external_size/2`).
fn encode_options(p: &Proc, options: &Term) -> Result<etf::EncodeOptions, Exception> {
    let mut opts = etf::EncodeOptions { node: p.vm.dist.node(), ..Default::default() };
    if options.list_len().is_none() {
        return Err(Exception::badarg());
    }
    for o in options.iter_list() {
        match (o, o.as_tuple()) {
            (Term::Atom(x), _) if x.as_str() == "compressed" => opts.compression = 6,
            (Term::Atom(x), _) if matches!(x.as_str(), "deterministic" | "local") => {}
            (_, Some([Term::Atom(k), Term::Int(n)])) if k.as_str() == "compressed" && (0..=9).contains(n) => {
                opts.compression = *n as u32
            }
            (_, Some([Term::Atom(k), Term::Int(n)])) if k.as_str() == "minor_version" && (0..=2).contains(n) => {
                opts.minor_version = *n as u8
            }
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(opts)
}

fn make_atom(s: &str) -> BifResult {
    Atom::try_new(s).map(Term::Atom).map_err(|_| Exception::system_limit())
}

/// A list of character codes as a String.
fn string_of(t: &Term) -> Result<String, Exception> {
    t.list_to_string().ok_or_else(Exception::badarg)
}

fn utf8_of(t: &Term) -> Result<String, Exception> {
    match t.as_binary() {
        Some(b) => String::from_utf8(b.to_vec()).map_err(|_| Exception::badarg()),
        None => badarg(),
    }
}

fn latin1_of(t: &Term) -> Result<String, Exception> {
    match t.as_binary() {
        Some(b) => Ok(b.iter().map(|&c| c as char).collect()),
        None => badarg(),
    }
}

fn radix(t: &Term) -> Result<u32, Exception> {
    match t {
        Term::Int(r) if (2..=36).contains(r) => Ok(*r as u32),
        _ => badarg(),
    }
}

fn int_text(t: &Term, radix: u32) -> Result<String, Exception> {
    match t {
        Term::Int(i) => Ok(BigInt::from(*i).to_str_radix(radix).to_uppercase()),
        Term::Big(b) => Ok(b.to_str_radix(radix).to_uppercase()),
        _ => badarg(),
    }
}

fn parse_int(s: &str, radix: u32) -> BifResult {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return badarg();
    }
    let v = BigInt::from_str_radix(body, radix).map_err(|_| Exception::badarg())?;
    Ok(Term::from_bigint(if s.starts_with('-') { -v } else { v }))
}

fn parse_float(s: &str) -> BifResult {
    // Erlang requires digits, a point and digits, with an optional exponent.
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let ok_mant = match mant.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    };
    let ok_exp = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    if !ok_mant || !ok_exp {
        return badarg();
    }
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Term::float(f)),
        _ => badarg(),
    }
}

fn float_text(t: &Term, opts: &Term) -> Result<String, Exception> {
    let f = match t {
        Term::Float(f) => f.get(),
        _ => return badarg(),
    };
    let o = if opts.is_list() && matches!(opts, Term::Nil) {
        FloatOpts::Scientific(20)
    } else {
        FloatOpts::from_options(opts).ok_or_else(Exception::badarg)?
    };
    float_to_list(f, &o).ok_or_else(Exception::badarg)
}

/// The bytes of an iolist or binary; badarg for anything else.
pub(super) fn iodata_bytes(t: &Term) -> Result<Vec<u8>, Exception> {
    match iolist_bits(t, false)? {
        Term::Bits(b) => Ok(b.to_bytes().into_owned()),
        _ => Err(Exception::badarg()),
    }
}

/// Flattens an iolist (or a bitstring list when `bits`) into one bitstring.
pub(super) fn iolist_bits(t: &Term, bits: bool) -> BifResult {
    if let Term::Bits(b) = t {
        if bits || b.is_binary() {
            return Ok(t.clone());
        }
        return badarg();
    }
    if !t.is_list() {
        return badarg();
    }
    let mut w = BitWriter::new();
    let mut stack = vec![t.iter_list()];
    while let Some(it) = stack.last_mut() {
        match it.next() {
            Some(Term::Int(c)) if (0..=255).contains(c) => w.push_bits(*c as u64, 8),
            Some(Term::Bits(b)) if bits || b.is_binary() => w.push_bitstring(b, b.bit_len()),
            Some(Term::Nil) => {}
            Some(x @ Term::Cons(_)) => stack.push(x.iter_list()),
            Some(_) => return badarg(),
            None => {
                let tail = it.tail();
                stack.pop();
                match tail {
                    Term::Nil => {}
                    Term::Bits(b) if bits || b.is_binary() => w.push_bitstring(b, b.bit_len()),
                    _ => return badarg(),
                }
            }
        }
    }
    let b: Bitstring = w.finish();
    if !bits && !b.is_binary() {
        return badarg();
    }
    Ok(Term::Bits(Arc::new(b)))
}

fn binary_part(b: &Term, s: &Term, l: &Term) -> BifResult {
    match (b, s, l) {
        (Term::Bits(b), Term::Int(s), Term::Int(l)) if b.is_binary() => {
            let (start, end) = if *l >= 0 { (*s, s + l) } else { (s + l, *s) };
            if start < 0 || end as usize > b.byte_len() {
                return badarg();
            }
            Ok(Term::Bits(Arc::new(b.slice(start as usize * 8, (end - start) as usize * 8))))
        }
        _ => badarg(),
    }
}

/// `function_clause`, as the Erlang-written versions of these functions raise it.
fn function_clause<T>() -> Result<T, Exception> {
    Err(Exception::error(Term::Atom(atoms::FUNCTION_CLAUSE)))
}

/// `lists:reverse(List, Tail)` taking `List` from `a[0]`: cells nobody else holds (a list
/// built and handed over by its only owner, as a comprehension's accumulator is) are
/// relinked in place, without allocating; shared cells are copied. None for a list that
/// is not proper, found before anything is taken, so the error shows the argument whole.
fn reverse_owned(a: &mut [Term], tail: Term) -> Option<Term> {
    let mut it = a[0].iter_list();
    for _ in it.by_ref() {}
    if !matches!(it.tail(), Term::Nil) {
        return None;
    }
    let mut cur = std::mem::replace(&mut a[0], Term::Nil);
    let mut acc = tail;
    while let Term::Cons(mut c) = cur {
        match triomphe::Arc::get_mut(&mut c) {
            Some(cell) => {
                cur = std::mem::replace(&mut cell.tail, acc);
                acc = Term::Cons(c);
            }
            None => {
                cur = c.tail.clone();
                acc = Term::cons(c.head.clone(), acc);
            }
        }
    }
    Some(acc)
}

fn keyfind(key: &Term, n: &Term, l: &Term) -> Result<Option<Term>, Exception> {
    let n = match n {
        Term::Int(n) if *n >= 1 => *n as usize,
        _ => return badarg(),
    };
    let mut it = l.iter_list();
    for x in it.by_ref() {
        if let Term::Tuple(t) = x {
            if t.len() >= n && crate::term::eq_coerce(&t[n - 1], key) {
                return Ok(Some(x.clone()));
            }
        }
    }
    if !matches!(it.tail(), Term::Nil) {
        return badarg();
    }
    Ok(None)
}

pub(super) fn append(a: &Term, b: &Term) -> BifResult {
    if matches!(a, Term::Nil) {
        return Ok(b.clone());
    }
    let v = list(a)?;
    Ok(Term::list_with_tail(v, b.clone()))
}

#[allow(clippy::mutable_key_type)] // Terms are immutable; the lock inside a module is not part of a key.
fn subtract(a: &Term, b: &Term) -> BifResult {
    let mut v = list(a)?;
    let r = list(b)?;
    if r.len() > 16 && v.len() > 16 {
        // Count removals per distinct term so that big lists subtract in n log n.
        let mut counts: std::collections::BTreeMap<Term, usize> = std::collections::BTreeMap::new();
        for x in r {
            *counts.entry(x).or_default() += 1;
        }
        v.retain(|x| match counts.get_mut(x) {
            Some(c) if *c > 0 => {
                *c -= 1;
                false
            }
            _ => true,
        });
        // `--` uses ==-equality only for exact matches in BEAM too (it compares with =:=).
        return Ok(Term::list(v));
    }
    for x in r {
        if let Some(i) = v.iter().position(|y| *y == x) {
            v.remove(i);
        }
    }
    Ok(Term::list(v))
}

/// `halt/1,2`: the status is a non-negative integer, `abort` or a string (a crash slogan:
/// status 1); the options a list of `{flush, Boolean}`. Anything else is badarg.
fn halt_with(p: &mut Proc, status: &Term, opts: &Term) -> BifResult {
    let opts_ok = opts.list_to_vec().is_some_and(|os| {
        os.iter().all(|o| matches!(o.as_tuple(), Some([k, v]) if k.is_atom(atoms::FLUSH) && v.as_bool().is_some()))
    });
    // (The options are checked first, as erl does.)
    if !opts_ok {
        return Err(Exception::badarg_because("badopt"));
    }
    let code = match status {
        Term::Int(n) if *n >= 0 => (*n).min(i32::MAX as i64) as i32,
        Term::Atom(a) if a.as_str() == "abort" => 134,
        s if s.list_to_vec().is_some_and(|cs| cs.iter().all(|c| matches!(c, Term::Int(0..=0x10FFFF)))) => 1,
        _ => return badarg(),
    };
    halt(p, code)
}

fn halt(p: &mut Proc, code: i32) -> BifResult {
    p.vm.request_halt(code);
    Err(Exception::raised(Class::Exit, Term::atom("$ember_halt")))
}

fn send(p: &mut Proc, to: &Term, msg: Term) -> BifResult {
    crate::vm::VmShared::send(p, to, msg.clone())?;
    Ok(msg)
}

fn module_info(p: &mut Proc, m: &Term, item: Option<&Term>) -> BifResult {
    let Some(name) = m.as_atom() else {
        return badarg();
    };
    let Some(module) = p.vm.code.get(name) else {
        return badarg();
    };
    // Built-ins of the module count as its exports, as they do in BEAM.
    let exports = || {
        let mut v: Vec<(Atom, u32)> = module.exports.iter().map(|(f, a, _)| (*f, *a)).collect();
        for (_, d) in super::all() {
            if d.module == name.as_str() && !v.iter().any(|(f, a)| f.as_str() == d.name && *a == d.arity) {
                v.push((Atom::new(d.name), d.arity));
            }
        }
        Term::list(v.into_iter().map(|(f, a)| Term::tuple([Term::Atom(f), Term::Int(a as i64)])).collect())
    };
    let functions = || {
        Term::list(
            module
                .functions
                .iter()
                .filter(|f| !f.name.as_str().starts_with('-'))
                .map(|f| Term::tuple([Term::Atom(f.name), Term::Int(f.arity as i64)]))
                .collect(),
        )
    };
    let pair = |k: &str, v: Term| Term::tuple([Term::atom(k), v]);
    match item.and_then(|i| i.as_atom()).map(|a| a.as_str()) {
        None if item.is_none() => Ok(Term::list(vec![
            pair("module", Term::Atom(name)),
            pair("exports", exports()),
            pair("attributes", module.attributes.clone()),
            pair("compile", Term::Nil),
            pair("md5", Term::binary(vec![0; 16])),
        ])),
        Some("module") => Ok(Term::Atom(name)),
        Some("exports") => Ok(exports()),
        Some("functions") => Ok(functions()),
        Some("attributes") => Ok(module.attributes.clone()),
        Some("compile") => Ok(Term::Nil),
        Some("md5") => Ok(Term::binary(vec![0; 16])),
        _ => badarg(),
    }
}

/// Characters of unicode chardata (lists of code points, binaries in UTF-8, nested).
pub(super) fn chardata(t: &Term) -> Result<Vec<char>, Exception> {
    let mut out = Vec::new();
    chardata_into(t, &mut out, 0)?;
    Ok(out)
}

fn chardata_into(t: &Term, out: &mut Vec<char>, depth: usize) -> Result<(), Exception> {
    if depth > 10_000 {
        return badarg();
    }
    match t {
        Term::Bits(b) if b.is_binary() => {
            let s = std::str::from_utf8(&b.to_bytes()).map_err(|_| Exception::badarg())?.to_owned();
            out.extend(s.chars());
            Ok(())
        }
        Term::Nil => Ok(()),
        Term::Cons(_) => {
            let mut it = t.iter_list();
            for x in it.by_ref() {
                match x {
                    Term::Int(c) => {
                        out.push(u32::try_from(*c).ok().and_then(char::from_u32).ok_or_else(Exception::badarg)?)
                    }
                    other => chardata_into(other, out, depth + 1)?,
                }
            }
            chardata_into(it.tail(), out, depth + 1)
        }
        _ => badarg(),
    }
}

/// The format string and argument list of an `io:format`-style call.
fn format_input(fmt: &Term, args: &Term) -> Result<(String, Vec<Term>), Exception> {
    let f: String = match fmt {
        Term::Atom(a) => a.as_str().to_owned(),
        other => chardata(other)?.into_iter().collect(),
    };
    Ok((f, list(args)?))
}

/// The options of `send/3` and `send_nosuspend/3`: a list of `noconnect` and `nosuspend`.
fn send_options(opts: &Term) -> Result<(), Exception> {
    match opts.list_to_vec() {
        Some(v) if v.iter().all(|o| o.is_atom(atoms::NOCONNECT) || o.is_atom(atoms::NOSUSPEND)) => Ok(()),
        _ => Err(Exception::badarg_because("badopt")),
    }
}

/// `list_to_ref/1`: the text `ref_to_list/1` gives for a reference of this node,
/// `#Ref<0.A.B.C>`. Only the references this node can make are accepted: A below 2^23,
/// B and C below 2^20.
fn list_to_ref(text: &Term) -> BifResult {
    let text = text.list_to_string().ok_or_else(Exception::badarg)?;
    let inner = text.strip_prefix("#Ref<").and_then(|t| t.strip_suffix('>')).ok_or_else(Exception::badarg)?;
    let words: Vec<u64> =
        inner.split('.').map(|w| w.parse::<u64>()).collect::<Result<_, _>>().map_err(|_| Exception::badarg())?;
    match words.as_slice() {
        [0, hi, mid, lo] if *hi < 1 << 23 && *mid < 1 << 20 && *lo < 1 << 20 => {
            Ok(Term::Ref(crate::term::Ref(hi << 40 | mid << 20 | lo)))
        }
        _ => Err(Exception::badarg()),
    }
}

/// A term as `io_lib:write/1` writes it: the `~w` form (binaries as bytes).
pub(super) fn write_w(t: &Term) -> String {
    format::format("~w", std::slice::from_ref(t)).unwrap_or_else(|_| crate::term::print::write_term(t))
}

pub(super) fn format_args(fmt: &Term, args: &Term) -> Result<String, Exception> {
    let (f, args) = format_input(fmt, args)?;
    format::format(&f, &args).map_err(|_| Exception::badarg())
}

fn io_lib_format(fmt: &Term, args: &Term) -> BifResult {
    let (f, args) = format_input(fmt, args)?;
    let pieces = format::format_pieces(&f, &args).map_err(|_| Exception::badarg())?;
    Ok(Term::list(
        pieces
            .into_iter()
            .map(|p| match p {
                format::Piece::Char(c) => Term::Int(c as i64),
                format::Piece::Text(t) => Term::string(&t),
            })
            .collect(),
    ))
}

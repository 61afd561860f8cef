# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/data_use_and_access.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield 'The UK GDPR and the Data Protection Act 2018, as amended by the Data (Use and Access) Act 2025, apply to the information we hold.\n\nSince 5 February 2026 the UK GDPR has listed safeguarding a vulnerable individual, including any child, among the "recognised legitimate interests" that can be a lawful basis for sharing personal information. Our data protection officer advises on which lawful basis applies in a particular case. This does not change what staff do: they share only what is necessary and proportionate, with people who need it to protect the child, and record what they shared, with whom and why.'

blocks = {}
debug_info = ''

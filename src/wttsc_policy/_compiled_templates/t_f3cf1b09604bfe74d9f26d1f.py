# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/education_voice.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_partnership = resolve('partnership')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Education and childcare settings have a central part in the local safeguarding arrangements. Where '
    yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
    yield ' runs a network or forum for designated safeguarding leads, the '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield " takes part, and through it we contribute to the education representatives who speak for settings like ours at strategic level.\n\nWe use these routes to raise local safeguarding issues we see, to share learning and to keep up to date with the partnership's priorities, and we pass what we learn on to staff."

blocks = {}
debug_info = '1=14'

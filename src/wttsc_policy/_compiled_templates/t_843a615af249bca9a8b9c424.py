# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/information_to_partnership.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_partnership = resolve('partnership')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Settings like ours hold information that helps keep children safe, and we share it when '
    yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
    yield ' or the safeguarding partners ask for it.\n\nWhat we give the partnership includes attendance, suspensions and exclusions, and patterns of concern about abuse, neglect and exploitation.\n\nThe safeguarding partners may request information from us under section 16H of the Children Act 2004 to help them carry out their safeguarding arrangements; we will comply with any such request. We also complete any safeguarding audit the partnership asks us to carry out, and the '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' co-ordinates these returns.'

blocks = {}
debug_info = '1=14&5=16'

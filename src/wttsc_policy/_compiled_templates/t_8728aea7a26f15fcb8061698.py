# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/shared_data.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_school_name = resolve('school_name')
    l_0_partnership_name = resolve('partnership_name')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield "The safeguarding partners use information from schools, health services, the police and children's social care to identify risks and trends across the area and to show what difference the local arrangements make for children. "
    yield str((undefined(name='school_name') if l_0_school_name is missing else l_0_school_name))
    yield ' contributes to that picture.\n\nWhen '
    yield str((undefined(name='partnership_name') if l_0_partnership_name is missing else l_0_partnership_name))
    yield " asks, we provide the information and data it needs, such as patterns of concern, attendance and exclusions, on time and in the form requested, sharing personal information only where the law allows. We take part in the partnership's audits, reviews and surveys, and the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' shares what the partnership learns with staff so that it improves our own practice.'

blocks = {}
debug_info = '1=15&3=17'

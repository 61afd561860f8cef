# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/anti_discrimination.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_school_name = resolve('school_name')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield str((undefined(name='school_name') if l_0_school_name is missing else l_0_school_name))
    yield " works to keep an inclusive safeguarding culture in which every child is seen and heard. Staff challenge racism and discrimination wherever they meet it, whether in school, online or in the work of other agencies, and they reflect on their own assumptions.\n\nWhen staff consider whether a child may be at risk, they do not let assumptions about the child's or family's ethnicity, culture, religion, language or background shape their judgement, in either direction. They think about how discrimination the child experiences may affect them and their willingness to speak, and they ask the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' for advice when they are unsure. Leaders check that concerns are recognised and acted on equally for all groups of children.'

blocks = {}
debug_info = '1=13&3=15'

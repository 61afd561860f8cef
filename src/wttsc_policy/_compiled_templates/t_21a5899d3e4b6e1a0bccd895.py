# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/filtering_monitoring.md.j2'

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
    yield " meets the Department for Education's filtering and monitoring standards for schools and colleges. A named senior leader and a named governor are responsible for making sure the standards are met.\n\nFiltering and monitoring are reviewed at least once a year, and whenever a new risk, a safeguarding concern or a change in technology calls for it, by the senior leader, the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' and the IT service provider together. The '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' has oversight of what the monitoring reports, acts on any safeguarding concern it raises, and makes sure staff know how to report anything harmful or inappropriate that gets past the filters.'

blocks = {}
debug_info = '1=13&3=15'

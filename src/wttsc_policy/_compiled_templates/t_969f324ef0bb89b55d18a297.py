# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/young_carers.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    l_0_council = resolve('council')
    pass
    yield 'A young carer is a child who looks after a family member who is ill or disabled, has a mental health condition or misuses drugs or alcohol. Young carers can miss school, struggle with their work and feel isolated.\n\nWe identify young carers through conversations with pupils and families and through staff observations, and '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'independent_school'):
        pass
        yield 'we include them in the number of young carers we report in the school census'
    else:
        pass
        yield 'we record them in the school census'
    yield '. The '
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield " makes sure each young carer is offered support in school and, where needed, a young carer's needs assessment from "
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield '.'

blocks = {}
debug_info = '3=15'

# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/early_help_list.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'Any child may benefit from early help. '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I am'
    else:
        pass
        yield 'Staff are'
    yield ' particularly alert to a child who:\n\n- is disabled, has special educational needs or is a young carer\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) in ['early_years', 'childminder']):
        pass
        yield '- is frequently missing from home or care, or often absent from '
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
            pass
            yield 'my setting'
        else:
            pass
            yield 'the setting'
        yield ' without a good reason\n- is exposed to harmful or inappropriate online content\n'
    else:
        pass
        yield '- is frequently missing from education, home or care, or is persistently absent\n- has experienced multiple suspensions, is at risk of permanent exclusion, or attends alternative provision or a pupil referral unit\n- is at risk of being sexually and/or criminally exploited, or of serious violence\n- is viewing problematic or inappropriate online content, or forming inappropriate online relationships\n'
    yield '- has a parent or carer in custody, or is affected by parental offending\n- is living in a family where there is domestic abuse, substance misuse or parental mental ill health\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'If I notice any of these signs, I talk to the family about the help available.\n'
    else:
        pass
        yield 'Staff who notice any of these signs talk to the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield '.\n'

blocks = {}
debug_info = '1=14&4=21&5=24&16=35&19=41'

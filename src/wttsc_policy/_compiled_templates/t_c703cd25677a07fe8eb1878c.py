# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/early_help_role.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_partnership = resolve('partnership')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I am often the first to notice that a child or family needs help. I talk with the family about whether early help would help them, and if they agree I may complete an early help assessment with them and act as lead practitioner, co-ordinating support, where I have the time and the skills to do it well. I follow the early help arrangements and threshold document of '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield '.\n'
    else:
        pass
        yield 'Settings like ours are often the first to notice that a child or family needs help. Staff share any concern with the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ', who talks with the family about whether they would like early help.\n\nThe '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " or another member of staff may complete an early help assessment with the family and act as lead practitioner, co-ordinating support and reviewing the plan until the child's needs are met. We follow the early help arrangements and threshold document of "
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield '.\n'

blocks = {}
debug_info = '1=14&2=17&4=22&6=24'

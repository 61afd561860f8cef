# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/whole_family.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "My approach is child-centred and whole-family. I keep the child at the centre of every decision and listen to what they tell me, and I also look at the family as a whole: how the needs and circumstances of each family member affect the child and one another. The child's welfare remains paramount.\n"
    else:
        pass
        yield "Our approach is child-centred and whole-family. We keep the child at the centre of every decision and listen to what they tell us, and we also look at the family as a whole: how the needs and circumstances of each family member affect the child and one another.\n\nThis helps staff notice when a parent's or sibling's difficulties are affecting a child, and helps the "
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " find the right support. The child's welfare remains paramount throughout.\n"

blocks = {}
debug_info = '1=13&6=19'

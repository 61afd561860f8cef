# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/disabled_children.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_council = resolve('council')
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield "Disabled children can face extra barriers to being heard and protected. Children's social care can assess and support disabled children and their families, and where "
    yield str((undefined(name='council') if l_0_council is missing else l_0_council))
    yield ' has a Designated Social Care Officer (DSCO), that officer links social care with the SEND system.\n\n'
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "I make sure a concern about a disabled child is never explained away by the child's disability, and I contact children's social care, or the DSCO where there is one, when a family may need support.\n"
    else:
        pass
        yield 'The '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' and the '
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'college'):
            pass
            yield 'learning support team'
        else:
            pass
            yield 'special educational needs co-ordinator (SENCO)'
        yield " work together so that a concern about a disabled child is never explained away by the child's disability, and they contact children's social care, or the DSCO where there is one, when a family may need support.\n"

blocks = {}
debug_info = '1=15&3=17&6=23'
